import type { Schemas } from '../typed';
import { vocabularyOf } from '../vocabulary';
import type { SegmentKey } from './plan';

export const ATTENDANCE_STATUSES = vocabularyOf<Schemas['AttendanceDto']['status']>()([
  'present',
  'leave',
  'late',
  'absent',
]);
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const LECTURE_KINDS = vocabularyOf<Schemas['SessionLectureResponse']['kind']>()([
  'leader',
  'committee_secretary',
  'expert',
  'branch_secretary',
  'committee_member',
  'member',
]);
export type LectureKind = (typeof LECTURE_KINDS)[number];
export const REPORT_KINDS = vocabularyOf<Schemas['ReportDto']['kind']>()([
  'task',
  'vanguard',
  'thought',
]);
export type ReportKind = (typeof REPORT_KINDS)[number];
export const DECISION_CATEGORIES = vocabularyOf<Schemas['DecisionDto']['category']>()([
  'work',
  'matter',
  'self_building',
]);
export type DecisionCategory = (typeof DECISION_CATEGORIES)[number];
export const SESSION_ATTACHMENT_KINDS = vocabularyOf<Schemas['SessionAttachmentDto']['kind']>()([
  'photo',
  'sign_in_sheet',
  'minutes',
  'other',
]);
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
export type SessionRecordPayload = Schemas['SessionRecordDto'];

/** `orglife:session-summary` */
export type SessionSummaryPayload = Schemas['SessionSummaryDto'];

/** `orglife:self-study-confirm` */
export type SelfStudyPayload = Schemas['SelfStudyDto'];

export type OrgSession = Schemas['OrgSessionResponse'];

/** `orglife:self-study-confirm`, `orglife:session-record`, `orglife:session-summary` */
export type SessionFormContext = Schemas['SessionFormContextResponse'];

export type Attachment = Schemas['AttachmentResponse'];
