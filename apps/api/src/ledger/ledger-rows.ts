import type { MeetingType } from './ledger-facts.js';
import type { RequirementCheck } from './ledger-shortfall.js';

export interface MemberLedgerRow {
  personId: string;
  name: string;
  orgUnitId: string;
  /** The branch this row counts for; a transferred member has a row per branch. */
  branchId: string;
  /** `YYYY-MM-DD` the member counts for the branch from. */
  since: string;
  /** `YYYY-MM-DD` they transferred out (exclusive); null while a member. */
  until: string | null;
  exchangeSpeeches: number;
  microLectures: number;
  reports: number;
  vanguardComments: number;
  attended: number;
  /** Sessions the member was excused from (请假). */
  leaves: number;
  /** Sessions the member missed without leave (缺席). */
  absences: number;
  /** Sessions with an attendance record for the member. */
  attendanceRecords: number;
  /** (present + late) / (records − leave), null when nothing counts yet. */
  attendanceRate: number | null;
  shortfalls: RequirementCheck[];
}

export interface BranchLedgerRow {
  branchId: string;
  name: string;
  committeeId: string;
  /** Sessions with at least 3 of the six segments. */
  qualifiedSessions: number;
  /** Sessions held that lack one of the six haves (有计划…有总结). */
  incompleteSessions: number;
  meetings: Record<MeetingType, number>;
  themeDays: number;
  expertLectures: number;
  secretaryLectures: number;
  committeeMemberLectures: number;
  shortfalls: RequirementCheck[];
}

/** A committee secretary's or a leader's special lectures. */
export interface LecturerLedgerRow {
  personId: string;
  name: string;
  lectures: number;
  shortfalls: RequirementCheck[];
}
