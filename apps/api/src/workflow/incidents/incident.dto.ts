import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { WorkflowIncident } from './incident.entity.js';
import { MAX_PAGE } from '../../common/paging.js';

const STATUSES = ['open', 'resolved'] as const;

export class IncidentQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
  @ApiPropertyOptional() @IsOptional() @IsUUID() instanceId?: string;

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
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) instanceId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Set when a timer could not fire' })
  jobId: string | null;
  @ApiProperty() processId: string;
  @ApiProperty() elementId: string;
  @ApiProperty({ nullable: true, type: String }) orgUnitId: string | null;
  @ApiProperty() message: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt: string | null;
}

export class IncidentPageDto {
  @ApiProperty({ type: [IncidentDto] }) items: IncidentDto[];
  @ApiProperty() total: number;
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
