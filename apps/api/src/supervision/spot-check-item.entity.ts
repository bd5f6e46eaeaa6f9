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

  /** The 通报 OD issued on this branch's findings, beside its rectification. */
  @Column({ name: 'notice_title', type: 'varchar', length: 200, nullable: true })
  noticeTitle: string | null;

  @Column({ name: 'notice_content', type: 'text', nullable: true })
  noticeContent: string | null;

  @Column({ name: 'notice_issued_by', type: 'uuid', nullable: true })
  noticeIssuedBy: string | null;

  @Column({ name: 'notice_issued_at', type: 'timestamptz', nullable: true })
  noticeIssuedAt: Date | null;
}
