import { Column, Entity, PrimaryColumn } from 'typeorm';

export const STAND_IN_REASONS = ['business_trip', 'leave', 'other'] as const;
export type StandInReason = (typeof STAND_IN_REASONS)[number];

/** 代理: from `startsAt` to `endsAt`, tasks created for `personId` go to `standInId`. */
@Entity('wf_stand_in')
export class WorkflowStandIn {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ name: 'stand_in_id', type: 'uuid' }) standInId: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'varchar', length: 16 }) reason: StandInReason;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 64 }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
