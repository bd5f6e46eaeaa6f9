import type { Schemas } from '../typed';
import type { Member, MonthlyPlan, SegmentKey } from './plan';

export const ATTENDANCE_STATUSES = ['present', 'leave', 'late', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const LECTURE_KINDS = [
  'leader',
  'committee_secretary',
  'expert',
  'branch_secretary',
  'committee_member',
  'member',
] as const;
export type LectureKind = (typeof LECTURE_KINDS)[number];
export const REPORT_KINDS = ['task', 'vanguard', 'thought'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const DECISION_CATEGORIES = ['work', 'matter', 'self_building'] as const;
export type DecisionCategory = (typeof DECISION_CATEGORIES)[number];
export const SESSION_ATTACHMENT_KINDS = ['photo', 'minutes', 'other'] as const;
export type SessionAttachmentKind = (typeof SESSION_ATTACHMENT_KINDS)[number];

export interface Attendance {
  personId: string;
  status: AttendanceStatus;
  reason?: string;
}
export interface SegmentRecord {
  key: SegmentKey;
  ownerId: string;
  record: string;
}
export interface Speech {
  personId: string;
  topic: string;
  content?: string;
}
export interface Lecture {
  kind: LectureKind;
  speakerId?: string;
  speakerName?: string;
  title: string;
}
export interface Report {
  personId: string;
  kind: ReportKind;
  content: string;
}
export interface Decision {
  category: DecisionCategory;
  content: string;
}
export interface SessionAttachmentRef {
  attachmentId: string;
  kind: SessionAttachmentKind;
}

/** `orglife:session-record` — the six haves. */
export interface SessionRecordPayload {
  heldAt: string;
  attendance: Attendance[];
  segments: SegmentRecord[];
  speeches: Speech[];
  lectures: Lecture[];
  reports: Report[];
  decisions: Decision[];
  attachments: SessionAttachmentRef[];
}

/** `orglife:session-summary` */
export interface SessionSummaryPayload {
  summary: string;
}

/** `orglife:self-study-confirm` */
export interface SelfStudyPayload {
  note?: string;
}

export type OrgSession = Schemas['OrgSessionResponse'];

export interface SessionFormContext {
  session: OrgSession;
  plan: MonthlyPlan | null;
  members: Member[];
  escalated: boolean;
}

export type Attachment = Schemas['AttachmentResponse'];
