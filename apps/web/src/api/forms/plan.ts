/** Payloads (the API's own OpenAPI types) and contexts of the plan forms. */

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

export interface Member {
  id: string;
  name: string;
}

export interface PlanSegment {
  key: SegmentKey;
  ownerId: string;
  content: string;
}

export interface PlanActivity {
  kind: ActivityKind;
  description: string;
}

/** `orglife:plan-draft` */
export type PlanDraftPayload = Schemas['PlanDraftDto'];

export interface MonthlyPlan {
  id: string;
  branchId: string;
  committeeId: string;
  month: string;
  status: 'pending' | 'submitted' | 'returned' | 'approved';
  topic: string | null;
  plannedAt: string | null;
  place: string | null;
  meetingTypes: MeetingType[];
  segments: PlanSegment[];
  activity: PlanActivity | null;
  revision: number;
}

export interface PlanReview {
  id: string;
  level: number;
  decision: 'approve' | 'return';
  comment: string | null;
  revision: number;
  reviewerId: string;
  createdAt: string;
}

export interface StudyContentRef {
  id: string;
  month: string;
  title: string;
  topics: string[];
}

export interface PlanDraftContext {
  plan: MonthlyPlan;
  reviews: PlanReview[];
  studyContent: StudyContentRef | null;
  arrangement: { theme: string; arrangement: string } | null;
  members: Member[];
}

/** `orglife:plan-approval` */
export type PlanReviewPayload = Schemas['PlanReviewDto'];

export interface PlanApprovalContext {
  plan: MonthlyPlan;
  reviews: PlanReview[];
  level: number;
  members: Member[];
}
