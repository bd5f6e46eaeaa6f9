import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { WorkflowHistoryEvent } from '../history/history.entity.js';
import type { WorkflowInstance } from './instance.entity.js';
import { MAX_PAGE } from '../../common/paging.js';

const STATUSES = ['active', 'completed', 'terminated'] as const;

export class InstanceQueryDto {
  @IsOptional() @IsString() @MaxLength(200) processId?: string;
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ description: 'The unit and its subtree' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
  @IsOptional() @IsString() @MaxLength(200) businessKey?: string;

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

export class StartInstanceDto {
  @IsString() @MinLength(1) @MaxLength(200) processId: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;

  @ApiProperty({ description: 'The org unit the instance belongs to' }) @IsUUID() orgUnitId: string;

  @IsOptional() @IsString() @MaxLength(200) businessKey?: string;
}

export class MessageDto {
  @IsString() @MinLength(1) @MaxLength(300) name: string;
  @IsOptional() @IsString() @MaxLength(300) correlationKey?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class SignalDto {
  @IsString() @MinLength(1) @MaxLength(300) name: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class CorrelationResultDto {
  correlatedInstanceIds: string[];
  startedInstanceIds: string[];
}

export class InstanceDto {
  id: string;
  definitionId: string;
  processId: string;
  businessKey: string | null;
  orgUnitId: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  parentInstanceId: string | null;
  startedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) endedAt: string | null;
}

/** A move of the instance to another version of its process (迁移). */
export class InstanceMigrationDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  fromVersion: number;
  toVersion: number;
  @ApiProperty({ type: String, description: 'Who moved it' })
  actorName: string | null;
}

export class InstanceDetailDto extends InstanceDto {
  definitionVersion: number;
  @ApiProperty({
    type: [InstanceMigrationDto],
    description: 'Migrated from version N, oldest first',
  })
  migrations: InstanceMigrationDto[];
  @ApiProperty({
    description: 'Where to fetch the BPMN XML',
    example: '/api/definitions/by-id/<id>',
  })
  xmlRef: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) variables: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The engine's state (tokens, waits)",
  })
  state: Record<string, unknown>;
}

export class InstancePageDto {
  items: InstanceDto[];
  total: number;
}

export class HistoryEventDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  elementId: string;
  elementType: string;
  elementInstanceId: string;
  @ApiProperty({ enum: ['activated', 'completed', 'terminated', 'incident', 'incidentResolved'] })
  kind: string;
  @ApiProperty({
    type: String,
    description: 'Who completed the user task (on its completed event), else null',
  })
  actorName: string | null;
}

export function toInstanceDto(i: WorkflowInstance): InstanceDto {
  return {
    id: i.id,
    definitionId: i.definitionId,
    processId: i.processId,
    businessKey: i.businessKey,
    orgUnitId: i.orgUnitId,
    status: i.status,
    parentInstanceId: i.parentInstanceId,
    startedBy: i.startedBy,
    startedAt: i.startedAt.toISOString(),
    endedAt: i.endedAt ? i.endedAt.toISOString() : null,
  };
}

export function toHistoryDto(
  e: WorkflowHistoryEvent,
  actors: ReadonlyMap<string, string>,
): HistoryEventDto {
  return {
    at: e.at.toISOString(),
    elementId: e.elementId,
    elementType: e.elementType,
    elementInstanceId: e.elementInstanceId,
    kind: e.kind,
    actorName: e.kind === 'completed' ? (actors.get(e.elementInstanceId) ?? null) : null,
  };
}
