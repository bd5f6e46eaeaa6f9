import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SampleCandidate } from './sample.drawer.js';

/** One monthly draw: the seed, rule and population it was drawn from, so it can be replayed. */
@Entity('spot_check_batch')
export class SpotCheckBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The month whose organizational life is checked, `YYYY-MM`. */
  @Column({ type: 'char', length: 7 })
  month: string;

  /** `regular` (one a month) or `extra` (追加抽查, with its reason). */
  @Column({ type: 'varchar', length: 16, default: 'regular' })
  kind: 'regular' | 'extra';

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Who started the draw by hand; null for the monthly timer. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set when its flow was cancelled: its pending items are cancelled with it. */
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'int' })
  seed: number;

  @Column({ name: 'sample_rate', type: 'double precision' })
  sampleRate: number;

  @Column({ name: 'min_per_committee', type: 'int' })
  minPerCommittee: number;

  @Column({ type: 'varchar', length: 64 })
  algorithm: string;

  /** Every branch that could be drawn, as it was at the draw. */
  @Column({ type: 'jsonb' })
  population: SampleCandidate[];

  @Column({ name: 'sampled_branch_ids', type: 'jsonb' })
  sampledBranchIds: string[];

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'drawn_at', type: 'timestamptz' })
  drawnAt: Date;
}
