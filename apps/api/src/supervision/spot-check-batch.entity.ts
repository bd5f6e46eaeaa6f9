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
