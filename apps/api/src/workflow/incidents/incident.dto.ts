import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { WorkflowIncident } from './incident.entity.js';
import { MAX_PAGE } from '../../common/paging.js';

const STATUSES = ['open', 'resolved'] as const;

export class IncidentQueryDto {
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
  @IsOptional() @IsUUID() instanceId?: string;

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

export class IncidentDto {
  id: string;
  instanceId: string | null;
  @ApiProperty({ type: String, description: 'Set when a timer could not fire' })
  jobId: string | null;
  processId: string;
  elementId: string;
  orgUnitId: string | null;
  message: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) resolvedAt: string | null;
}

export class IncidentPageDto {
  items: IncidentDto[];
  total: number;
}

export function toIncidentDto(x: WorkflowIncident): IncidentDto {
  return {
    id: x.id,
    instanceId: x.instanceId,
    jobId: x.jobId,
    processId: x.processId,
    elementId: x.elementId,
    orgUnitId: x.orgUnitId,
    message: x.message,
    status: x.status,
    createdAt: x.createdAt.toISOString(),
    resolvedAt: x.resolvedAt ? x.resolvedAt.toISOString() : null,
  };
}
