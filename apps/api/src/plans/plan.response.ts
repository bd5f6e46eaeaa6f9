import { ApiProperty } from '@nestjs/swagger';
import { StudyArrangementResponse, StudyContentResponse } from '../study/study.response.js';
import { TaskFormContext } from '../task-forms/task-form-context.js';
import type { BranchMember } from './branch.directory.js';
import type { MonthlyPlan } from './plan.entity.js';
import type { PlanReview } from './plan-review.entity.js';
import type { PlanView } from './plan.service.js';
import {
  MEETING_TYPES,
  type ActivityKind,
  type MeetingType,
  type PlanActivity,
  type PlanSegment,
  type PlanStatus,
  type ReviewDecision,
  type SegmentKey,
} from './plan.vocabulary.js';

export class PlanSegmentResponse implements PlanSegment {
  key: SegmentKey;

  @ApiProperty({ format: 'uuid', description: '负责人' })
  ownerId: string;

  content: string;
}

export class PlanActivityResponse implements PlanActivity {
  kind: ActivityKind;

  description: string;
}

/** A branch's monthly plan (月度组织生活计划). */
export class MonthlyPlanResponse implements MonthlyPlan {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  branchId: string;

  @ApiProperty({ format: 'uuid', description: 'The approving committee' })
  committeeId: string;

  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty({ type: String, format: 'uuid' })
  studyContentId: string | null;

  @ApiProperty({ type: String, format: 'uuid', description: 'Workflow instance' })
  instanceId: string | null;

  status: PlanStatus;

  topic: string | null;

  plannedAt: Date | null;

  place: string | null;

  meetingTypes: MeetingType[];

  segments: PlanSegmentResponse[];

  activity: PlanActivityResponse | null;

  @ApiProperty({ description: 'Increases on every submission' })
  revision: number;

  createdAt: Date;

  updatedAt: Date;

  approvedAt: Date | null;
}

/** One approval step's decision (审批记录). */
export class PlanReviewResponse implements PlanReview {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  planId: string;

  @ApiProperty({ description: '1 committee, 2 OD' })
  level: number;

  decision: ReviewDecision;

  comment: string | null;

  revision: number;

  @ApiProperty({ format: 'uuid' })
  reviewerId: string;

  createdAt: Date;
}

export class PlanViewResponse extends MonthlyPlanResponse implements PlanView {
  reviews: PlanReviewResponse[];

  @ApiProperty({ description: '组织能力较弱: plans get the second approval level' })
  weakBranch: boolean;
}

/** A party member of the branch, as the forms offer them. */
export class BranchMemberResponse implements BranchMember {
  @ApiProperty({ format: 'uuid' })
  id: string;

  name: string;
}

/** What the plan draft shows: the plan, its earlier reviews, the month's study content. */
@TaskFormContext('orglife:plan-draft')
export class PlanDraftContextResponse {
  plan: MonthlyPlanResponse;

  reviews: PlanReviewResponse[];

  studyContent: StudyContentResponse | null;

  @ApiProperty({
    type: StudyArrangementResponse,
    description: "The plan's committee's arrangement of the study content",
  })
  arrangement: StudyArrangementResponse | null;

  members: BranchMemberResponse[];

  @ApiProperty({
    enum: MEETING_TYPES,
    isArray: true,
    description: 'The meetings offered: no 党小组会 for a branch without 党小组',
  })
  meetingTypes: MeetingType[];
}

/** What a plan approval shows. */
@TaskFormContext('orglife:plan-approval')
export class PlanApprovalContextResponse {
  plan: MonthlyPlanResponse;

  reviews: PlanReviewResponse[];

  @ApiProperty({ description: 'The approval level of this task: 1 committee, 2 OD' })
  level: number;

  members: BranchMemberResponse[];
}
