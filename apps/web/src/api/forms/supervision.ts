import type { Schemas } from '../typed';

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const RECTIFICATION_STATUSES = [
  'awaiting_plan',
  'plan_review',
  'awaiting_evidence',
  'evidence_review',
  'closed',
  'verified',
] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_SOURCES = [
  'spot_check',
  'inspection',
  'onsite_supervision',
  'self_found',
] as const;
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
export interface SpotCheckInspectPayload {
  outcome: 'pass' | 'findings';
  notes: string;
  recommendNotice?: boolean;
  findings?: Finding[];
}

/** `orglife:spot-check-notice` */
export interface SpotCheckNoticePayload {
  title: string;
  content: string;
}

/** `orglife:onsite-supervision-record` */
export interface OnsiteSupervisionPayload {
  attendedOn: string;
  guidance: string;
  findings?: Finding[];
}

/** `orglife:annual-inspection` */
export interface AnnualInspectionPayload {
  summary: string;
  findings?: (Finding & { branchId: string })[];
}

export type SpotCheckItem = Schemas['SpotCheckItemResponse'];

export type SpotCheckBatch = Omit<Schemas['SpotCheckBatchViewResponse'], 'items'>;

export type Rectification = Schemas['RectificationResponse'];

export type RectificationEvent = Schemas['RectificationEventResponse'];

export interface RectificationContext {
  rectification: Rectification;
  history: RectificationEvent[];
}

/** `orglife:rectification-plan` */
export interface RectificationPlanPayload {
  plan: string;
}

/** `orglife:rectification-plan-review`, `orglife:rectification-evidence-review` */
export interface RectificationReviewPayload {
  approved: boolean;
  comment?: string;
}

/** `orglife:rectification-evidence` */
export interface RectificationEvidencePayload {
  evidence: string;
  attachmentIds?: string[];
}

/** `orglife:follow-up-check` */
export interface FollowUpPayload {
  holds: boolean;
  notes: string;
  newDueDate?: string;
}
