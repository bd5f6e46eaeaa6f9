import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MeetingType } from '../plans/plan.vocabulary.js';
import { type LedgerPeriod } from './ledger-period.js';
import type { RequirementSubject } from './ledger-requirement.defaults.js';
import type { LedgerRequirement } from './ledger-requirement.entity.js';
import type { BranchLedgerRow, LecturerLedgerRow, MemberLedgerRow } from './ledger-rows.js';
import type { RequirementCheck } from './ledger-shortfall.js';

/** A requirement's state in one window: met, still open until `dueBy`, or missed. */
export class RequirementCheckResponse implements RequirementCheck {
  @ApiProperty({ description: 'The requirement key' })
  requirement: string;

  @ApiProperty({ example: '2026-Q1', description: '`2026-03`, `2026-Q1`, `2026-H1` or `2026`' })
  window: string;

  @ApiProperty({ format: 'date' })
  dueBy: string;

  have: number;

  need: number;

  status: 'met' | 'due' | 'missed';

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'On a branch row: the committee member a per-person requirement is about',
  })
  personId?: string;
}

export class MemberLedgerRowResponse implements MemberLedgerRow {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  name: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The branch the row counts for (a transferred member has a row per branch)',
  })
  branchId: string;

  @ApiProperty({ format: 'date', description: 'Counts for the branch from this day' })
  since: string;

  @ApiProperty({
    type: String,
    format: 'date',
    description: 'Transferred out on this day (exclusive); null while a member',
  })
  until: string | null;

  @ApiProperty({ description: '交流发言' })
  exchangeSpeeches: number;

  @ApiProperty({ description: '微党课' })
  microLectures: number;

  @ApiProperty({ description: '汇报' })
  reports: number;

  @ApiProperty({ description: '先锋创绩 comments' })
  vanguardComments: number;

  attended: number;

  @ApiProperty({ description: 'Sessions excused (请假)' })
  leaves: number;

  @ApiProperty({ description: 'Sessions missed without leave (缺席)' })
  absences: number;

  @ApiProperty({ description: 'Sessions with an attendance record for the member' })
  attendanceRecords: number;

  @ApiProperty({
    type: Number,
    description: '(present + late) / (records − leave): leave is excused; null when none count',
  })
  attendanceRate: number | null;

  shortfalls: RequirementCheckResponse[];
}

/** 三会一课 counts. */
export class MeetingCountsResponse implements Record<MeetingType, number> {
  @ApiProperty({ description: '支委会' })
  branch_committee: number;

  @ApiProperty({ description: '党小组会' })
  group_meeting: number;

  @ApiProperty({ description: '党员大会' })
  member_assembly: number;

  @ApiProperty({ description: '党课' })
  party_lecture: number;
}

export class BranchLedgerRowResponse implements BranchLedgerRow {
  @ApiProperty({ format: 'uuid' })
  branchId: string;

  name: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  @ApiProperty({ description: 'Sessions with at least 3 of the six segments' })
  qualifiedSessions: number;

  @ApiProperty({ description: 'Sessions held lacking one of the six haves (有计划…有总结)' })
  incompleteSessions: number;

  meetings: MeetingCountsResponse;

  @ApiProperty({ description: '主题党日' })
  themeDays: number;

  expertLectures: number;

  secretaryLectures: number;

  committeeMemberLectures: number;

  shortfalls: RequirementCheckResponse[];
}

/** A committee secretary's or a leader's special lectures. */
export class LecturerLedgerRowResponse implements LecturerLedgerRow {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  name: string;

  lectures: number;

  shortfalls: RequirementCheckResponse[];
}

export class LedgerPageResponse {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ format: 'date', description: 'The day the figures are computed for' })
  asOf: string;
}

export class MemberLedgerResponse extends LedgerPageResponse {
  rows: MemberLedgerRowResponse[];
}

export class BranchLedgerResponse extends LedgerPageResponse {
  rows: BranchLedgerRowResponse[];
}

export class LecturerLedgerResponse extends LedgerPageResponse {
  rows: LecturerLedgerRowResponse[];
}

/** My own ledger rows (我的台账); null where I have no such row. */
export class MyLedgerResponse extends LedgerPageResponse {
  member: MemberLedgerRowResponse | null;

  committeeSecretary: LecturerLedgerRowResponse | null;

  leader: LecturerLedgerRowResponse | null;
}

/** A configurable ledger requirement (e.g. 党课 quarterly). */
export class LedgerRequirementResponse implements LedgerRequirement {
  key: string;

  @ApiProperty({ enum: ['member', 'branch', 'committee_secretary', 'leader'] })
  subject: RequirementSubject;

  period: LedgerPeriod;

  @ApiProperty({ description: '0: switched off' })
  minCount: number;

  label: string;

  @ApiProperty({ type: String, format: 'uuid' })
  updatedBy: string | null;

  updatedAt: Date | null;
}
