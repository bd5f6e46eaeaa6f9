import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MeetingType, PlanActivity } from '../plans/plan.vocabulary.js';
import type { SessionStatus } from './session.vocabulary.js';

/** A branch's monthly concentrated session (集中组织生活), scheduled by its approved plan. */
@Entity('org_session')
export class OrgSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'char', length: 7 })
  month: string;

  @Column({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Column({ name: 'meeting_types', type: 'text', array: true })
  meetingTypes: MeetingType[];

  @Column({ type: 'jsonb', nullable: true })
  activity: PlanActivity | null;

  @Column({ type: 'varchar', length: 16 })
  status: SessionStatus;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'held_at', type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ name: 'summary_by', type: 'uuid', nullable: true })
  summaryBy: string | null;

  @Column({ name: 'summary_at', type: 'timestamptz', nullable: true })
  summaryAt: Date | null;

  /** Set when the summary deadline passed and the task was escalated to the committee. */
  @Column({ name: 'summary_overdue_at', type: 'timestamptz', nullable: true })
  summaryOverdueAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Set when the evaluation flow has closed (reviews and comments in). */
  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true })
  evaluatedAt: Date | null;

  /** 签到 opens this many minutes before the scheduled start. */
  @Column({ name: 'sign_in_opens_before_min', type: 'int', default: 30 })
  signInOpensBeforeMin: number;

  /** 签到 closes this many minutes after the scheduled start (the session's end). */
  @Column({ name: 'sign_in_duration_min', type: 'int', default: 180 })
  signInDurationMin: number;

  /** A sign-in more than this many minutes after the start is late (迟到). */
  @Column({ name: 'late_after_min', type: 'int', default: 0 })
  lateAfterMin: number;

  /** The venue's coordinates (WGS-84) and radius for the optional place check; all or none. */
  @Column({ name: 'venue_latitude', type: 'double precision', nullable: true })
  venueLatitude: number | null;

  @Column({ name: 'venue_longitude', type: 'double precision', nullable: true })
  venueLongitude: number | null;

  @Column({ name: 'venue_radius_m', type: 'int', nullable: true })
  venueRadiusM: number | null;
}
