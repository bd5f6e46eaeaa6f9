/** Payloads and contexts (the API's own OpenAPI types) of the plan forms. */

import type { Schemas } from '../typed';
import { vocabularyOf } from '../vocabulary';

export const SEGMENT_KEYS = vocabularyOf<Schemas['PlanSegmentDto']['key']>()([
  'study',
  'lecture',
  'listen',
  'report',
  'review',
  'decide',
]);
export type SegmentKey = (typeof SEGMENT_KEYS)[number];
export const MIN_SEGMENTS = 3;

export const MEETING_TYPES = vocabularyOf<Schemas['PlanDraftDto']['meetingTypes'][number]>()([
  'branch_committee',
  'group_meeting',
  'member_assembly',
  'party_lecture',
]);
export type MeetingType = (typeof MEETING_TYPES)[number];

export const ACTIVITY_KINDS = vocabularyOf<Schemas['PlanActivityDto']['kind']>()([
  'vanguard',
  'contact_point_service',
  'theme_day',
  'volunteer',
  'other',
]);
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type Member = Schemas['BranchMemberResponse'];

export type PlanSegment = Schemas['PlanSegmentResponse'];

/** `orglife:plan-draft` */
export type PlanDraftPayload = Schemas['PlanDraftDto'];

export type MonthlyPlan = Schemas['MonthlyPlanResponse'];

export type PlanReview = Schemas['PlanReviewResponse'];

export type PlanDraftContext = Schemas['PlanDraftContextResponse'];

/** `orglife:plan-approval` */
export type PlanReviewPayload = Schemas['PlanReviewDto'];

export type PlanApprovalContext = Schemas['PlanApprovalContextResponse'];
