import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { localize, type Language } from '../common/locale.js';
import { PLAN_FIELDS, type PlanField } from './plan-changes.js';
import { type PlanWarningCode } from './plan-checks.js';
import {
  BATCH_LIMIT,
  type BatchCandidate,
  type BatchResult,
} from './plan-batch-approval.service.js';
import { BranchMemberResponse, MonthlyPlanResponse } from './plan.response.js';

export class BatchApproveDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: BATCH_LIMIT,
    description: 'Ids of the plan-approval tasks to approve',
  })
  @IsArray()
  @ArrayMinSize(1, { message: '请至少选择一份计划 (choose at least one plan)' })
  @ArrayMaxSize(BATCH_LIMIT)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  taskIds: string[];
}

export class PlanWarningResponse {
  code: PlanWarningCode;
  @ApiProperty({ description: 'In the language the caller asked for' }) message: string;
}

/** A plan awaiting the caller's approval, against the branch's plan of the month before. */
export class BatchApprovalItemResponse {
  taskId: string;
  taskName: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string | null;
  branchName: string;
  plan: MonthlyPlanResponse;
  @ApiProperty({
    type: MonthlyPlanResponse,
    description: "The branch's plan of the month before; null when it has none",
  })
  previous: MonthlyPlanResponse | null;
  @ApiProperty({
    enum: PLAN_FIELDS,
    isArray: true,
    description: 'The fields that differ from the previous plan',
  })
  changes: PlanField[];
  @ApiProperty({
    type: [PlanWarningResponse],
    description: 'Why the plan must be approved on its own; empty: it may go in the batch',
  })
  warnings: PlanWarningResponse[];
  @ApiProperty({ type: [BranchMemberResponse], description: 'The segment owners, by name' })
  people: BranchMemberResponse[];
}

export class BatchApprovalResultResponse {
  taskId: string;
  @ApiProperty({ type: String, format: 'uuid' }) planId: string | null;
  approved: boolean;
  @ApiProperty({ type: String, description: 'Why it was not approved' })
  reason: string | null;
}

export function toBatchItem(c: BatchCandidate, language: Language): BatchApprovalItemResponse {
  return {
    taskId: c.task.id,
    taskName: c.task.name,
    dueAt: c.task.dueAt ? c.task.dueAt.toISOString() : null,
    branchName: c.branchName,
    plan: c.plan,
    previous: c.previous,
    changes: c.changes,
    warnings: c.warnings.map((w) => ({ code: w.code, message: localize(w.message, language) })),
    people: [...c.names].map(([id, name]) => ({ id, name })),
  };
}

export function toBatchResult(r: BatchResult, language: Language): BatchApprovalResultResponse {
  return { ...r, reason: r.reason === null ? null : localize(r.reason, language) };
}
