import type { Schemas } from '../typed';
import { vocabularyOf } from '../vocabulary';

export const SEVERITIES = vocabularyOf<Schemas['FindingDto']['severity']>()([
  'low',
  'medium',
  'high',
]);
export type Severity = (typeof SEVERITIES)[number];
export const RECTIFICATION_STATUSES = vocabularyOf<Schemas['RectificationResponse']['status']>()([
  'awaiting_plan',
  'plan_review',
  'awaiting_evidence',
  'evidence_review',
  'closed',
  'verified',
  'cancelled',
]);
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_SOURCES = vocabularyOf<Schemas['RectificationResponse']['source']>()([
  'spot_check',
  'inspection',
  'onsite_supervision',
  'self_found',
]);
export type RectificationSource = (typeof RECTIFICATION_SOURCES)[number];

export interface Finding {
  title: string;
  description: string;
  severity: Severity;
  /** YYYY-MM-DD */
  dueDate: string;
  branchId?: string;
}

/** `orglife:spot-check-inspect` */
export type SpotCheckInspectPayload = Schemas['SpotCheckInspectDto'];

/** `orglife:spot-check-notice` */
export type SpotCheckNoticePayload = Schemas['SpotCheckNoticeDto'];

/** `orglife:onsite-supervision-record` */
export type OnsiteSupervisionPayload = Schemas['OnsiteSupervisionRecordDto'];

/** `orglife:annual-inspection` */
export type AnnualInspectionPayload = Schemas['AnnualInspectionRecordDto'];

export type SpotCheckItem = Schemas['SpotCheckItemResponse'];

/** `orglife:spot-check-inspect` */
export type SpotCheckInspectContext = Schemas['SpotCheckInspectContextResponse'];

/** `orglife:spot-check-notice` */
export type SpotCheckNoticeContext = Schemas['SpotCheckNoticeContextResponse'];

/** `orglife:onsite-supervision-record`, `orglife:annual-inspection` */
export type InspectionRecordContext =
  Schemas['OnsiteSupervisionContextResponse'] | Schemas['AnnualInspectionContextResponse'];

export type Rectification = Schemas['RectificationResponse'];

/** Every rectification form key's context, and GET /rectifications/:id. */
export type RectificationContext = Schemas['RectificationDetailResponse'];

/** `orglife:rectification-plan` */
export type RectificationPlanPayload = Schemas['RectificationPlanDto'];

/** `orglife:rectification-plan-review`, `orglife:rectification-evidence-review` */
export type RectificationReviewPayload = Schemas['RectificationReviewDto'];

/** `orglife:rectification-evidence` */
export type RectificationEvidencePayload = Schemas['RectificationEvidenceDto'];

/** `orglife:follow-up-check` */
export type FollowUpPayload = Schemas['FollowUpCheckDto'];
