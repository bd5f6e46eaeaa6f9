import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SessionPhotoResponse } from './session-photo.response.js';
import {
  BranchMemberResponse,
  MonthlyPlanResponse,
  PlanActivityResponse,
} from '../plans/plan.response.js';
import { type MeetingType, type SegmentKey } from '../plans/plan.vocabulary.js';
import { TaskFormContext } from '../task-forms/task-form-context.js';
import type {
  SessionAttachment,
  SessionAttendance,
  SessionDecision,
  SessionLecture,
  SessionReport,
  SessionSegment,
  SessionSelfStudy,
  SessionSpeech,
} from './session-parts.entity.js';
import type { SessionCorrection } from './session-correction.entity.js';
import type { CorrectionRight } from './session-correction.service.js';
import type { SessionRecordParts } from './session-record.parts.js';
import type { OrgSession } from './session.entity.js';
import type { SessionView } from './session.service.js';
import { SIX_HAVES, type SixHave, type SixHavesCheck } from './six-haves.js';
import {
  LECTURE_KINDS,
  REPORT_KINDS,
  SESSION_ATTACHMENT_KINDS,
  type AttendanceStatus,
  type DecisionCategory,
  type LectureKind,
  type ReportKind,
  type SessionAttachmentKind,
  type SessionStatus,
} from './session.vocabulary.js';
import { SignInResponse } from './sign-in/sign-in.response.js';

/** A branch's monthly concentrated session (集中组织生活). */
export class OrgSessionResponse implements OrgSession {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  planId: string;

  @ApiProperty({ format: 'uuid' })
  branchId: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  @ApiProperty({ example: '2026-12' })
  month: string;

  scheduledAt: Date;

  place: string | null;

  meetingTypes: MeetingType[];

  activity: PlanActivityResponse | null;

  @ApiProperty({ enum: ['scheduled', 'recorded', 'summarized', 'closed', 'cancelled'] })
  status: SessionStatus;

  @ApiProperty({ type: String, format: 'uuid', description: 'Workflow instance' })
  instanceId: string | null;

  heldAt: Date | null;

  @ApiProperty({ type: String, format: 'uuid' })
  recordedBy: string | null;

  recordedAt: Date | null;

  summary: string | null;

  @ApiProperty({ type: String, format: 'uuid' })
  summaryBy: string | null;

  summaryAt: Date | null;

  @ApiProperty({ type: Date, description: 'Summary escalated to the committee' })
  summaryOverdueAt: Date | null;

  closedAt: Date | null;

  @ApiProperty({ type: Date, description: 'Evaluation flow closed' })
  evaluatedAt: Date | null;

  @ApiProperty({ description: '签到 opens this many minutes before the start' })
  signInOpensBeforeMin: number;

  @ApiProperty({ description: '签到 closes this many minutes after the start' })
  signInDurationMin: number;

  @ApiProperty({ description: 'Late (迟到) after this many minutes' })
  lateAfterMin: number;

  venueLatitude: number | null;

  venueLongitude: number | null;

  venueRadiusM: number | null;
}

/** 会前自学. */
export class SessionSelfStudyResponse implements SessionSelfStudy {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  note: string | null;

  confirmedAt: Date;
}

/** 考勤. */
export class SessionAttendanceResponse implements SessionAttendance {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  status: AttendanceStatus;

  reason: string | null;
}

export class SessionSegmentResponse implements SessionSegment {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  key: SegmentKey;

  @ApiProperty({ format: 'uuid' })
  ownerId: string;

  record: string;
}

/** 交流发言. */
export class SessionSpeechResponse implements SessionSpeech {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  topic: string;

  content: string | null;
}

/** 党课 / 微党课. */
export class SessionLectureResponse implements SessionLecture {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ enum: LECTURE_KINDS })
  kind: LectureKind;

  @ApiProperty({ type: String, format: 'uuid' })
  speakerId: string | null;

  @ApiProperty({ type: String, description: 'An outside expert' })
  speakerName: string | null;

  title: string;
}

/** 三汇报. */
export class SessionReportResponse implements SessionReport {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty({ enum: REPORT_KINDS })
  kind: ReportKind;

  content: string;
}

/** 定. */
export class SessionDecisionResponse implements SessionDecision {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  category: DecisionCategory;

  content: string;
}

export class SessionAttachmentResponse implements SessionAttachment {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ format: 'uuid' })
  attachmentId: string;

  @ApiProperty({ enum: SESSION_ATTACHMENT_KINDS })
  kind: SessionAttachmentKind;
}

export class SixHavesFlagsResponse implements Record<SixHave, boolean> {
  @ApiProperty({ description: '有计划: the plan is approved' }) plan: boolean;
  @ApiProperty({ description: '有安排: every planned segment has a person (≥3 segments)' })
  arrangement: boolean;
  @ApiProperty({ description: '有交流: at least one exchange speech' }) exchange: boolean;
  @ApiProperty({ description: '有考勤: attendance for everyone, with a sign-in sheet or photo' })
  attendance: boolean;
  @ApiProperty({ description: '有记录: the session record' }) record: boolean;
  @ApiProperty({ description: '有总结: the summary' }) summary: boolean;
}

/** The seed's six haves of one session, computed from its records. */
export class SixHavesResponse implements SixHavesCheck {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  have: SixHavesFlagsResponse;
  @ApiProperty({ enum: SIX_HAVES, isArray: true, description: 'What is missing; empty = complete' })
  missing: SixHave[];
}

export class CorrectedAttendanceResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  status: AttendanceStatus;
  reason: string | null;
}

export class CorrectedSegmentResponse {
  key: SegmentKey;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  record: string;
}

export class CorrectedSpeechResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  topic: string;
  content: string | null;
}

export class CorrectedLectureResponse {
  @ApiProperty({ enum: LECTURE_KINDS }) kind: LectureKind;
  @ApiProperty({ type: String, format: 'uuid' }) speakerId: string | null;
  speakerName: string | null;
  title: string;
}

export class CorrectedReportResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: REPORT_KINDS }) kind: ReportKind;
  content: string;
}

export class CorrectedDecisionResponse {
  category: DecisionCategory;
  content: string;
}

export class CorrectedAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) attachmentId: string;
  @ApiProperty({ enum: SESSION_ATTACHMENT_KINDS }) kind: SessionAttachmentKind;
}

/** The parts of a record one correction changed (only those parts are present). */
export class SessionRecordPartsResponse implements Partial<SessionRecordParts> {
  @ApiPropertyOptional({ format: 'date-time' }) heldAt?: string;
  attendance?: CorrectedAttendanceResponse[];
  segments?: CorrectedSegmentResponse[];
  speeches?: CorrectedSpeechResponse[];
  lectures?: CorrectedLectureResponse[];
  reports?: CorrectedReportResponse[];
  decisions?: CorrectedDecisionResponse[];
  attachments?: CorrectedAttachmentResponse[];
  summary?: string | null;
}

/** One 更正 of a session record. */
export class SessionCorrectionResponse implements SessionCorrection {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid', description: 'Who corrected' }) correctedBy: string;
  correctedAt: Date;
  @ApiProperty({ description: '更正理由' }) reason: string;
  @ApiProperty({ type: SessionRecordPartsResponse, description: 'The changed parts as they were' })
  before: SessionRecordPartsResponse;
  @ApiProperty({ type: SessionRecordPartsResponse, description: 'The changed parts as corrected' })
  after: SessionRecordPartsResponse;
}

/** Whether the caller may correct the record now. */
export class CorrectionRightResponse implements CorrectionRight {
  allowed: boolean;
  @ApiProperty({
    type: Date,
    description: "End of the branch secretary's correction period; null for the committee",
  })
  until: Date | null;
}

/** A session with its "six haves" records. */
export class SessionViewResponse extends OrgSessionResponse implements SessionView {
  sixHaves: SixHavesResponse;

  branchName: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Names of the people the records mention, by person id',
  })
  people: Record<string, string>;

  selfStudy: SessionSelfStudyResponse[];

  attendance: SessionAttendanceResponse[];

  segments: SessionSegmentResponse[];

  speeches: SessionSpeechResponse[];

  lectures: SessionLectureResponse[];

  reports: SessionReportResponse[];

  decisions: SessionDecisionResponse[];

  attachments: SessionAttachmentResponse[];

  @ApiProperty({
    type: [SessionPhotoResponse],
    description: 'The photos with their EXIF time, flagged when far from the session',
  })
  photos: SessionPhotoResponse[];

  @ApiProperty({ type: [SessionCorrectionResponse], description: '更正 history, oldest first' })
  corrections: SessionCorrectionResponse[];

  correction: CorrectionRightResponse;
}

/** What the session's forms show: self-study, the record, the summary. */
@TaskFormContext('orglife:self-study-confirm', 'orglife:session-record', 'orglife:session-summary')
export class SessionFormContextResponse {
  session: OrgSessionResponse;

  plan: MonthlyPlanResponse | null;

  members: BranchMemberResponse[];

  @ApiProperty({ description: 'The summary is overdue and escalated to the committee (督办)' })
  escalated: boolean;

  @ApiProperty({ type: SixHavesResponse, description: 'What the session still lacks' })
  sixHaves: SixHavesResponse;

  @ApiProperty({
    type: [SignInResponse],
    description: 'The QR sign-ins (签到), to pre-fill the attendance',
  })
  signIns: SignInResponse[];
}
