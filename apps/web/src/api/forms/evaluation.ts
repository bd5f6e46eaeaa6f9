import type { Member } from './plan';
import type { OrgSession, ReportKind } from './session';

export const VANGUARD_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type VanguardGrade = (typeof VANGUARD_GRADES)[number];

export interface SessionReport {
  id: string;
  sessionId: string;
  personId: string;
  kind: ReportKind;
  content: string;
}

export interface EvaluationContext {
  session: OrgSession;
  members: Member[];
  reports: SessionReport[];
}

/** `orglife:member-review` */
export interface MemberReviewPayload {
  branchReview: { rating: number; opinion: string };
  peerReviews: { reportId: string; comment: string }[];
}

/** `orglife:secretary-comments` */
export interface SecretaryCommentsPayload {
  comments: { personId: string; comment: string }[];
}

export interface VanguardContext {
  round: { id: string; quarter: string } | null;
  branchId: string;
  members: Member[];
}

/** `orglife:vanguard-comments` */
export interface VanguardCommentsPayload {
  comments: { personId: string; grade: VanguardGrade; comment: string }[];
}
