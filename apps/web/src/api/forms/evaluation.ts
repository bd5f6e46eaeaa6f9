import type { Schemas } from '../typed';
import { vocabularyOf } from '../vocabulary';
import type { Member } from './plan';
import type { OrgSession, ReportKind } from './session';

export const VANGUARD_GRADES = vocabularyOf<Schemas['VanguardCommentDto']['grade']>()([
  'excellent',
  'good',
  'fair',
  'poor',
]);
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
export type MemberReviewPayload = Schemas['MemberReviewDto'];

/** `orglife:secretary-comments` */
export type SecretaryCommentsPayload = Schemas['SecretaryCommentsDto'];

export interface VanguardContext {
  round: { id: string; quarter: string } | null;
  branchId: string;
  members: Member[];
}

/** `orglife:vanguard-comments` */
export type VanguardCommentsPayload = Schemas['VanguardCommentsDto'];
