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

export interface SpotCheckItem {
  id: string;
  batchId: string;
  branchId: string;
  branchName?: string;
  committeeId: string;
  status: string;
  notes: string | null;
  recommendNotice: boolean;
}

export interface SpotCheckBatch {
  id: string;
  month: string;
  seed: number;
  sampleRate: number;
  minPerCommittee: number;
  algorithm: string;
  population: { branchId: string; committeeId: string; name?: string }[];
  sampledBranchIds: string[];
  drawnAt: string;
  noticeTitle: string | null;
  noticeIssuedAt: string | null;
}

export interface Rectification {
  id: string;
  source: RectificationSource;
  branchId: string;
  branchName?: string;
  committeeId: string;
  title: string;
  description: string;
  severity: Severity;
  dueAt: string;
  status: RectificationStatus;
  plan: string | null;
  evidence: string | null;
  escalatedAt: string | null;
  reopenCount: number;
  createdAt: string;
}

export interface RectificationEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  comment: string | null;
}

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
