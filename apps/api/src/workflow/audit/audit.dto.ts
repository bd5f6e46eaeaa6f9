import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_PAGE } from '../../common/paging.js';

export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'The unit and its subtree (of the instance acted on)' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ description: 'Person id of who acted' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'The verb, e.g. task.returned, task.withdrawn' })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[a-z][a-z.-]*$/, { message: '操作格式不正确 (action is not valid)' })
  action?: string;

  @ApiPropertyOptional({
    description: 'From this day (Beijing time), inclusive',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'To this day (Beijing time), inclusive',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class AuditQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

/** One audit row: who did what to whom, when, why. */
export class AuditEntryDto {
  id: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ description: 'Person id, or system' }) actor: string;
  actorName: string | null;
  @ApiProperty({ description: 'The verb, e.g. task.returned' }) action: string;
  instanceId: string | null;
  processId: string | null;
  @ApiProperty({
    type: String,
    description: 'The process name of the instance’s version',
  })
  processName: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  taskId: string | null;
  @ApiProperty({ type: String, description: 'The task acted on' })
  taskName: string | null;
  @ApiProperty({
    type: String,
    description: 'BPMN element of the task acted on (the diagram marks verbs on it)',
  })
  taskElementId: string | null;
  @ApiProperty({
    type: String,
    description: 'Whom it went to (the person a task was handed, returned or given back to)',
  })
  targetName: string | null;
  @ApiProperty({
    type: String,
    description: 'The step the work was sent back to (退回)',
  })
  stepName: string | null;
  @ApiProperty({
    type: String,
    description: 'BPMN element the work was moved to (退回: the target; 撤回: the task taken back)',
  })
  movedTo: string | null;
  @ApiProperty({ type: String, description: 'Why (reason, message)' })
  reason: string | null;
}

export class AuditPageDto {
  items: AuditEntryDto[];
  total: number;
}
