import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export const RECTIFICATION_SOURCES = [
  'spot_check',
  'inspection',
  'onsite_supervision',
  'self_found',
] as const;
export type RectificationSource = (typeof RECTIFICATION_SOURCES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Board columns, in the order an item moves through them. */
export const RECTIFICATION_STATUSES = [
  'awaiting_plan',
  'plan_review',
  'awaiting_evidence',
  'evidence_review',
  'closed',
  'verified',
  'cancelled',
] as const;
/** Still waiting on someone: what a cancelled flow must not leave behind. */
export const OPEN_RECTIFICATION_STATUSES = [
  'awaiting_plan',
  'plan_review',
  'awaiting_evidence',
  'evidence_review',
] as const satisfies readonly RectificationStatus[];
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** One finding to rectify (整改事项), whatever raised it. */
@Entity('rectification')
export class Rectification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 24 })
  source: RectificationSource;

  /** The spot-check item, inspection or on-site supervision that raised it. */
  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId: string | null;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 8 })
  severity: Severity;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'varchar', length: 24 })
  status: RectificationStatus;

  @Column({ type: 'text', nullable: true })
  plan: string | null;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'reopen_count', type: 'int', default: 0 })
  reopenCount: number;

  /** When the look-back (回头看) falls due, once closed. */
  @Column({ name: 'follow_up_at', type: 'timestamptz', nullable: true })
  followUpAt: Date | null;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @VersionColumn()
  version: number;
}
