import { ApiProperty } from '@nestjs/swagger';
import { TaskFormContext } from '../task-forms/task-form-context.js';
import type { RectificationAction, RectificationEvent } from './rectification-event.entity.js';
import {
  RECTIFICATION_STATUSES,
  type Rectification,
  type RectificationSource,
  type RectificationStatus,
  type Severity,
} from './rectification.entity.js';
import type { RectificationBoard } from './rectification.service.js';

/** One finding to rectify (整改事项). */
export class RectificationResponse implements Rectification {
  @ApiProperty({ format: 'uuid' })
  id: string;

  source: RectificationSource;

  @ApiProperty({
    type: String,
    format: 'uuid',
    description: 'The spot-check item, inspection or on-site supervision that raised it',
  })
  sourceId: string | null;

  @ApiProperty({ format: 'uuid' })
  branchId: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  title: string;

  description: string;

  severity: Severity;

  dueAt: Date;

  @ApiProperty({ enum: RECTIFICATION_STATUSES })
  status: RectificationStatus;

  @ApiProperty({ type: String, description: '整改方案' })
  plan: string | null;

  @ApiProperty({ type: String, description: '整改佐证' })
  evidence: string | null;

  escalatedAt: Date | null;

  reopenCount: number;

  @ApiProperty({ type: Date, description: 'When the look-back (回头看) falls due' })
  followUpAt: Date | null;

  @ApiProperty({ type: String, format: 'uuid', description: 'Workflow instance' })
  instanceId: string | null;

  @ApiProperty({ type: String, format: 'uuid' })
  createdBy: string | null;

  createdAt: Date;

  closedAt: Date | null;

  verifiedAt: Date | null;

  @ApiProperty({ description: 'Optimistic lock version' })
  version: number;
}

/** Items per board column; every status is present. */
export class RectificationCountsResponse implements Record<RectificationStatus, number> {
  awaiting_plan: number;

  plan_review: number;

  awaiting_evidence: number;

  evidence_review: number;

  closed: number;

  verified: number;

  @ApiProperty({ description: 'Cancelled with their flow' })
  cancelled: number;
}

/** 整改看板. */
export class RectificationBoardResponse implements RectificationBoard {
  items: RectificationResponse[];

  counts: RectificationCountsResponse;

  @ApiProperty({ description: 'Open items past their due date' })
  overdue: number;
}

/** Every action once: the compiler flags one added to RectificationAction but not here. */
const RECTIFICATION_ACTIONS: Record<RectificationAction, true> = {
  opened: true,
  plan_submitted: true,
  plan_returned: true,
  plan_approved: true,
  evidence_submitted: true,
  evidence_returned: true,
  closed: true,
  escalated: true,
  follow_up_scheduled: true,
  follow_up_held: true,
  reopened: true,
  cancelled: true,
};

/** One step of an item's kept history. */
export class RectificationEventResponse implements Omit<RectificationEvent, 'seq'> {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  rectificationId: string;

  at: Date;

  @ApiProperty({ description: 'Person id, or `system` for timers' })
  actor: string;

  @ApiProperty({ enum: Object.keys(RECTIFICATION_ACTIONS) })
  action: RectificationAction;

  comment: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  detail: Record<string, unknown>;
}

/** An item with its history; also what each step of the rectification flow shows. */
@TaskFormContext(
  'orglife:rectification-plan',
  'orglife:rectification-plan-review',
  'orglife:rectification-evidence',
  'orglife:rectification-evidence-review',
  'orglife:follow-up-check',
)
export class RectificationDetailResponse {
  rectification: RectificationResponse;

  history: RectificationEventResponse[];
}
