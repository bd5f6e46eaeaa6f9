import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SpotCheckItemStatus = 'pending' | 'passed' | 'findings' | 'cancelled';

/** One sampled branch in a batch and the inspector's outcome. */
@Entity('spot_check_item')
export class SpotCheckItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 16 })
  status: SpotCheckItemStatus;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'recommend_notice', type: 'boolean', default: false })
  recommendNotice: boolean;

  @Column({ name: 'inspected_by', type: 'uuid', nullable: true })
  inspectedBy: string | null;

  @Column({ name: 'inspected_at', type: 'timestamptz', nullable: true })
  inspectedAt: Date | null;
}
