import { ApiProperty } from '@nestjs/swagger';
import { SessionPhotoResponse } from '../sessions/session-photo.response.js';
import { SixHavesResponse } from '../sessions/session.response.js';
import { SESSION_ATTACHMENT_KINDS } from '../sessions/session.vocabulary.js';
import { TaskFormContext } from '../task-forms/task-form-context.js';
import type { AnnualInspection } from './annual-inspection.entity.js';
import type { BranchOfUniversity } from './branch.population.js';
import type { SessionRecordView } from './inspection.scope.js';
import type { OnsiteSupervision } from './onsite-supervision.entity.js';
import type { SampleCandidate } from './sample.drawer.js';
import type { SpotCheckBatch } from './spot-check-batch.entity.js';
import type { SpotCheckItem, SpotCheckItemStatus } from './spot-check-item.entity.js';
import type { BatchView, ReplayView } from './spot-check.service.js';

export class SampleCandidateResponse implements SampleCandidate {
  @ApiProperty({ format: 'uuid' })
  branchId: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;
}

/** One monthly draw (月度抽查) with its seed, rule and population, so it can be replayed. */
export class SpotCheckBatchResponse implements SpotCheckBatch {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    example: '2026-12',
    description: 'The month whose organizational life is checked',
  })
  month: string;

  @ApiProperty({ enum: ['regular', 'extra'], description: 'extra = 追加抽查' })
  kind: 'regular' | 'extra';

  @ApiProperty({ type: String, description: 'Why the extra draw' })
  reason: string | null;

  @ApiProperty({ type: String, format: 'uuid', description: 'Null: the timer' })
  createdBy: string | null;

  @ApiProperty({ description: 'When the draw was started' })
  createdAt: Date;

  @ApiProperty({ type: Date, description: 'Set when its flow was cancelled' })
  cancelledAt: Date | null;

  @ApiProperty({ description: '32-bit integer seed of the draw' })
  seed: number;

  sampleRate: number;

  minPerCommittee: number;

  algorithm: string;

  @ApiProperty({ type: [SampleCandidateResponse], description: 'Every branch that could be drawn' })
  population: SampleCandidateResponse[];

  @ApiProperty({ type: [String], format: 'uuid' })
  sampledBranchIds: string[];

  @ApiProperty({ type: String, format: 'uuid', description: 'Workflow instance' })
  instanceId: string | null;

  drawnAt: Date;
}

/** One sampled branch and the inspector's outcome. */
export class SpotCheckItemResponse implements SpotCheckItem {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  batchId: string;

  @ApiProperty({ format: 'uuid' })
  branchId: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  @ApiProperty({ enum: ['pending', 'passed', 'findings'] })
  status: SpotCheckItemStatus;

  notes: string | null;

  recommendNotice: boolean;

  @ApiProperty({ type: String, format: 'uuid' })
  inspectedBy: string | null;

  inspectedAt: Date | null;

  @ApiProperty({ type: String, description: '通报 title' })
  noticeTitle: string | null;

  noticeContent: string | null;

  @ApiProperty({ type: String, format: 'uuid' })
  noticeIssuedBy: string | null;

  noticeIssuedAt: Date | null;
}

export class SpotCheckBatchViewResponse extends SpotCheckBatchResponse implements BatchView {
  @ApiProperty({ type: [SpotCheckItemResponse], description: 'The items visible to the caller' })
  items: SpotCheckItemResponse[];
}

/** The sample re-derived from the recorded seed, compared with the recorded one (audit). */
export class SpotCheckReplayResponse implements ReplayView {
  @ApiProperty({ format: 'uuid' })
  batchId: string;

  seed: number;

  sampleRate: number;

  minPerCommittee: number;

  algorithm: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  recorded: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  rederived: string[];

  matches: boolean;
}

/** The id of the workflow instance a start request began. */
export class StartedInstanceResponse {
  @ApiProperty({ format: 'uuid' })
  instanceId: string;
}

export class RecordSegmentResponse {
  key: string;

  record: string;
}

export class RecordLectureResponse {
  kind: string;

  title: string;
}

/** A session's records as an inspector reads them. */
/** A file of the session the inspector may open. */
export class RecordAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) attachmentId: string;
  @ApiProperty({ enum: SESSION_ATTACHMENT_KINDS }) kind: string;
  fileName: string;
}

export class SessionRecordResponse implements SessionRecordView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  status: string;

  scheduledAt: Date;

  heldAt: Date | null;

  place: string | null;

  meetingTypes: string[];

  summary: string | null;

  segments: RecordSegmentResponse[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Members per attendance status',
  })
  attendance: Record<string, number>;

  @ApiProperty({ description: 'Number of speeches' })
  speeches: number;

  lectures: RecordLectureResponse[];

  @ApiProperty({ description: 'Number of reports' })
  reports: number;

  @ApiProperty({
    type: [RecordAttachmentResponse],
    description: 'Photos, sign-in sheets and minutes (GET /api/attachments/:id/content)',
  })
  attachments: RecordAttachmentResponse[];

  @ApiProperty({
    type: [SessionPhotoResponse],
    description: 'The photos with EXIF time and place, flagged when far from the session',
  })
  photos: SessionPhotoResponse[];

  @ApiProperty({ type: SixHavesResponse, description: 'The six haves, computed from the records' })
  sixHaves: SixHavesResponse;
}

/** 现场督导. */
export class OnsiteSupervisionResponse implements OnsiteSupervision {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid' })
  sessionId: string | null;

  @ApiProperty({ format: 'uuid' })
  branchId: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  @ApiProperty({ enum: ['pending', 'recorded', 'cancelled'] })
  status: 'pending' | 'recorded' | 'cancelled';

  @ApiProperty({ type: String, format: 'uuid' })
  supervisorId: string | null;

  @ApiProperty({ type: String, format: 'date' })
  attendedOn: string | null;

  guidance: string | null;

  findingsCount: number;

  @ApiProperty({ type: String, format: 'uuid', description: 'Workflow instance' })
  instanceId: string | null;

  @ApiProperty({ format: 'uuid' })
  startedBy: string;

  createdAt: Date;
}

/** 年度调研督查 of one committee. */
export class AnnualInspectionResponse implements AnnualInspection {
  @ApiProperty({ format: 'uuid' })
  id: string;

  year: number;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  @ApiProperty({ enum: ['pending', 'done', 'cancelled'] })
  status: 'pending' | 'done' | 'cancelled';

  summary: string | null;

  findingsCount: number;

  @ApiProperty({ type: String, format: 'uuid' })
  inspectedBy: string | null;

  inspectedAt: Date | null;

  @ApiProperty({ type: String, format: 'uuid', description: 'Workflow instance' })
  instanceId: string | null;

  createdAt: Date;
}

/** What the inspector's form shows: the sampled branch and its records of the month. */
@TaskFormContext('orglife:spot-check-inspect')
export class SpotCheckInspectContextResponse {
  item: SpotCheckItemResponse;

  @ApiProperty({ type: [SessionRecordResponse], description: "The branch's sessions of the month" })
  records: SessionRecordResponse[];
}

/** What OD's notice shows: the draw and the sampled branch's item with its findings. */
@TaskFormContext('orglife:spot-check-notice')
export class SpotCheckNoticeContextResponse {
  batch: SpotCheckBatchResponse;

  @ApiProperty({
    type: [SpotCheckItemResponse],
    description: 'The branch the notice is on (every item with findings for a batch-wide notice)',
  })
  items: SpotCheckItemResponse[];
}

/** What recording an on-site supervision shows. */
@TaskFormContext('orglife:onsite-supervision-record')
export class OnsiteSupervisionContextResponse {
  supervision: OnsiteSupervisionResponse;
}

/** A branch of the university with its committee. */
export class BranchOfUniversityResponse implements BranchOfUniversity {
  @ApiProperty({ format: 'uuid' })
  branchId: string;

  name: string;

  @ApiProperty({ format: 'uuid', description: 'A direct branch (直属党支部) is its own committee' })
  committeeId: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The sampling group: the committee, or the university for direct branches',
  })
  groupId: string;
}

/** What an annual inspection shows: the inspection and the inspected committee's branches. */
@TaskFormContext('orglife:annual-inspection')
export class AnnualInspectionContextResponse {
  inspection: AnnualInspectionResponse;

  branches: BranchOfUniversityResponse[];
}
