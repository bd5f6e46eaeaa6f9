import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RectificationAction =
  | 'opened'
  | 'plan_submitted'
  | 'plan_returned'
  | 'plan_approved'
  | 'evidence_submitted'
  | 'evidence_returned'
  | 'closed'
  | 'escalated'
  | 'follow_up_scheduled'
  | 'follow_up_held'
  | 'reopened'
  | 'cancelled';

/** The kept history of a rectification item: every step, return and reopening. */
@Entity('rectification_event')
export class RectificationEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'rectification_id', type: 'uuid' })
  rectificationId: string;

  /** Insertion order: several steps may share one clock reading. */
  @Column({ type: 'bigint', insert: false, update: false, select: false })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Person id, or `system` for timers. */
  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Column({ type: 'varchar', length: 32 })
  action: RectificationAction;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb', default: {} })
  detail: Record<string, unknown>;
}
