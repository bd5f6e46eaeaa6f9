import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { CopyRow } from './task-copy.service.js';
import type { AddedApproverRow } from './task-sequential.service.js';
import type { VoteRound } from './task-vote.service.js';
import { VOTE_KINDS } from './vote-rule.js';

export class AddApproverDto {
  @ApiProperty({ description: 'Person id of the approver added to the round (加签人)' })
  @IsUUID()
  assignee: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why (加签说明)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RemoveApproverDto {
  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why (减签理由), required' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class VoterDto {
  taskId: string;
  @ApiProperty({ type: String, description: 'Person id' }) assignee: string | null;
  name: string | null;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] }) status: string;
  @ApiProperty({ enum: ['approved', 'rejected'], type: String, nullable: true })
  outcome: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ description: 'The caller may remove this approver (减签)' }) mayRemove: boolean;
}

export class VoteRoundDto {
  @ApiProperty({
    enum: VOTE_KINDS,
    description: 'all 会签 · any 或签 · count 票签 (by count) · share 票签 (by share)',
  })
  kind: string;
  @ApiProperty({ type: Number, description: '票签: votes or share needed' })
  threshold: number | null;
  approved: number;
  rejected: number;
  pending: number;
  voters: VoterDto[];
  @ApiProperty({ description: 'The caller may add an approver (加签)' }) mayAdd: boolean;
}

export class VoteRoundResponseDto {
  @ApiProperty({ type: VoteRoundDto, description: 'Null: not a vote step' })
  round: VoteRoundDto | null;
}

export function toVoteRoundDto(round: VoteRound): VoteRoundDto {
  const voters = round.voters.map(({ task, name, mayRemove }) => ({
    taskId: task.id,
    assignee: task.assignee,
    name,
    status: task.status,
    outcome: task.outcome,
    completedAt: task.completedAt ? task.completedAt.toISOString() : null,
    mayRemove,
  }));
  return {
    kind: round.kind,
    threshold: round.threshold,
    approved: voters.filter((v) => v.outcome === 'approved').length,
    rejected: voters.filter((v) => v.outcome === 'rejected').length,
    pending: voters.filter((v) => v.status === 'open').length,
    voters,
    mayAdd: round.mayAdd,
  };
}

export class CopyQueryDto {
  @ApiPropertyOptional({ description: 'Only the unread copies' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  unread?: boolean;
}

export class TaskCopyDto {
  id: string;
  taskId: string;
  instanceId: string;
  taskName: string | null;
  @ApiProperty({ description: 'Person id of the approver' }) copiedBy: string;
  copiedByName: string | null;
  @ApiProperty({ enum: ['model', 'approver'] }) source: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) readAt: string | null;
}

export class TaskCopyPageDto {
  items: TaskCopyDto[];
  @ApiProperty({ description: 'Unread copies of the caller' }) unread: number;
}

export function toCopyDto({ copy, taskName, copiedByName }: CopyRow): TaskCopyDto {
  return {
    id: copy.id,
    taskId: copy.taskId,
    instanceId: copy.instanceId,
    taskName,
    copiedBy: copy.copiedBy,
    copiedByName,
    source: copy.source,
    createdAt: copy.createdAt.toISOString(),
    readAt: copy.readAt ? copy.readAt.toISOString() : null,
  };
}

export class AddSequentialApproverDto {
  @ApiProperty({ description: 'Person id of the added approver (加签人)' })
  @IsUUID()
  assignee: string;

  @ApiProperty({
    enum: ['before', 'after'],
    description: 'before: 前加签 (they act first, then it returns to you) · after: 后加签',
  })
  @IsIn(['before', 'after'])
  position: 'before' | 'after';

  @ApiPropertyOptional({ maxLength: 500, description: 'Why (加签说明)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AddedApprovalDto {
  @ApiProperty({ description: 'The added approver agrees (同意) or not (不同意)' })
  @IsBoolean()
  approved: boolean;

  @ApiPropertyOptional({ maxLength: 2000, description: '加签意见' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class AddedApproverDto {
  @ApiProperty({ description: 'Person id of the added approver' }) personId: string;
  name: string | null;
  @ApiProperty({ enum: ['before', 'after'] }) position: string;
  addedByName: string | null;
  reason: string | null;
  @ApiProperty({ enum: ['pending', 'done', 'cancelled'] }) status: string;
  @ApiProperty({ enum: ['approved', 'rejected'], type: String, nullable: true })
  opinion: string | null;
  comment: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) actedAt: string | null;
}

export function toAddedApproverDto({ row, name, addedByName }: AddedApproverRow): AddedApproverDto {
  return {
    personId: row.personId,
    name,
    position: row.position,
    addedByName,
    reason: row.reason,
    status: row.status,
    opinion: row.opinion,
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
    actedAt: row.actedAt ? row.actedAt.toISOString() : null,
  };
}
