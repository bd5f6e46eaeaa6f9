import type { Schemas } from '../typed';
import { vocabularyOf } from '../vocabulary';

export const VANGUARD_GRADES = vocabularyOf<Schemas['VanguardCommentDto']['grade']>()([
  'excellent',
  'good',
  'fair',
  'poor',
]);
export type VanguardGrade = (typeof VANGUARD_GRADES)[number];

/** `orglife:member-review`, `orglife:secretary-comments` */
export type EvaluationContext = Schemas['EvaluationContextResponse'];

/** `orglife:member-review` */
export type MemberReviewPayload = Schemas['MemberReviewDto'];

/** `orglife:secretary-comments` */
export type SecretaryCommentsPayload = Schemas['SecretaryCommentsDto'];

export type VanguardContext = Schemas['VanguardContextResponse'];

/** `orglife:vanguard-comments` */
export type VanguardCommentsPayload = Schemas['VanguardCommentsDto'];
