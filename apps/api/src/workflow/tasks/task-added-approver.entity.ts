import type { Variables } from '@orglife/engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AddedPosition = 'before' | 'after';

/** The approver's decision a 后加签 holds until the added person acts on it. */
export interface HeldCompletion {
  /** Who decided (the approver who added the person). */
  by: string;
  variables: Variables;
  copyTo?: string[];
  /** The domain form's payload, when the task has one; replayed through the form. */
  formPayload?: object;
}

/** 前加签 / 后加签: a person added before or after the approver of a single-assignee task. */
@Entity('wf_task_added_approver')
export class WorkflowTaskAddedApprover {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'task_id', type: 'varchar', length: 200 })
  taskId: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 8 })
  position: AddedPosition;

  @Column({ name: 'added_by', type: 'varchar', length: 64 })
  addedBy: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** `pending` until the added person acts (`done`); `cancelled` when the task closed first. */
  @Column({ type: 'varchar', length: 12 })
  status: 'pending' | 'done' | 'cancelled';

  @Column({ type: 'varchar', length: 16, nullable: true })
  opinion: 'approved' | 'rejected' | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** 后加签: the approver's decision, held until the added person acts. */
  @Column({ type: 'jsonb', nullable: true })
  held: HeldCompletion | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'acted_at', type: 'timestamptz', nullable: true })
  actedAt: Date | null;
}
