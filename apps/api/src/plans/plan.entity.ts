import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { MeetingType, PlanActivity, PlanSegment, PlanStatus } from './plan.vocabulary.js';

/** A branch's plan for its monthly session (月度组织生活计划). */
@Entity('monthly_plan')
export class MonthlyPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  /** The approving committee; a direct branch (直属党支部) is its own committee. */
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'char', length: 7 })
  month: string;

  @Column({ name: 'study_content_id', type: 'uuid', nullable: true })
  studyContentId: string | null;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: PlanStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  topic: string | null;

  @Column({ name: 'planned_at', type: 'timestamptz', nullable: true })
  plannedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Column({ name: 'meeting_types', type: 'text', array: true })
  meetingTypes: MeetingType[];

  @Column({ type: 'jsonb' })
  segments: PlanSegment[];

  @Column({ type: 'jsonb', nullable: true })
  activity: PlanActivity | null;

  /** Increases on every submission, so reviews name the revision they judged. */
  @Column({ type: 'int' })
  revision: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;
}
