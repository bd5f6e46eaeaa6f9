import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ReturnTarget } from './task-moving.service.js';

export class WithdrawTaskDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Why (撤回理由)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ReturnTaskDto {
  @ApiProperty({ description: 'BPMN element id of the earlier user task to send the work back to' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  target: string;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why (退回理由), required' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ReturnTargetDto {
  @ApiProperty({ description: 'BPMN element id of the user task' }) elementId: string;
  name: string | null;
  @ApiProperty({ description: 'Person id of who completed it last; the task goes back to them' })
  completedBy: string;
  completedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) completedAt: string;
}

export function toReturnTargetDto(
  t: ReturnTarget,
  names: ReadonlyMap<string, string>,
): ReturnTargetDto {
  return {
    elementId: t.elementId,
    name: t.name,
    completedBy: t.completedBy,
    completedByName: names.get(t.completedBy) ?? null,
    completedAt: t.completedAt.toISOString(),
  };
}
