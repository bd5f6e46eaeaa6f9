/** The records the ledger is computed from (written by the session and evaluation flows). */

import type { MeetingType } from '../plans/plan.vocabulary.js';
import type { SegmentKey } from '../plans/plan.vocabulary.js';
import type { AttendanceStatus, LectureKind } from '../sessions/session.vocabulary.js';
import type { SixHave } from '../sessions/six-haves.js';

export type { AttendanceStatus, LectureKind, MeetingType, SegmentKey };

export interface SessionFact {
  sessionId: string;
  branchId: string;
  /** `YYYY-MM-DD`. */
  heldOn: string;
  segments: SegmentKey[];
  meetingTypes: MeetingType[];
  /** Second-half activity keys (`theme_day`, `vanguard`, …). */
  activities: string[];
  /** The six haves the session lacks (empty when complete). */
  sixHavesMissing: SixHave[];
}

export interface LectureFact {
  branchId: string;
  heldOn: string;
  kind: LectureKind;
  /** The lecturer when a person in the system; null for outside experts. */
  personId: string | null;
}

export interface PersonEventFact {
  personId: string;
  heldOn: string;
}

export interface AttendanceFact {
  personId: string;
  heldOn: string;
  status: AttendanceStatus;
}

export interface PersonFact {
  personId: string;
  name: string;
  orgUnitId: string;
  /** `YYYY-MM-DD` the person joined (the unit; for a first membership, their first attendance if earlier). */
  since: string;
}

/** One stretch of a member's membership of a branch (a transfer ends one and starts another). */
export interface MemberFact extends PersonFact {
  branchId: string;
  /** `YYYY-MM-DD` the member left the branch (the transfer day, exclusive); null while a member. */
  until: string | null;
}

export interface BranchFact {
  branchId: string;
  name: string;
  committeeId: string;
  /** Holders of branch_secretary / branch_committee on the branch. */
  secretaryIds: string[];
  committeeMemberIds: string[];
  /** `YYYY-MM-DD` the branch existed from (its creation or first session, if earlier). */
  since: string;
  /** False for a branch without 党小组: its 党员大会 does the groups' work. */
  hasGroups: boolean;
}

export interface LedgerFacts {
  members: MemberFact[];
  branches: BranchFact[];
  committeeSecretaries: PersonFact[];
  leaders: PersonFact[];
  sessions: SessionFact[];
  attendance: AttendanceFact[];
  speeches: PersonEventFact[];
  lectures: LectureFact[];
  reports: PersonEventFact[];
  /** One per quarterly 先锋创绩 comment received; `heldOn` is the day written, at most its quarter's last day. */
  vanguardComments: PersonEventFact[];
}
