import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SECURITY_EVENT_KINDS, type SecurityEventKind } from './security-event-kind.js';

export class SecurityEventQueryDto {
  @IsOptional()
  @IsIn(SECURITY_EVENT_KINDS)
  kind?: SecurityEventKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this moment on (inclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this moment' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ description: 'Matches a username or the detail' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;
}

export class SecurityEventDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: Date;

  kind: SecurityEventKind;

  @ApiProperty({ format: 'uuid', type: String })
  actorId: string | null;

  actorUsername: string | null;

  @ApiProperty({ format: 'uuid', type: String })
  subjectId: string | null;

  subjectUsername: string | null;

  ip: string | null;

  detail: string | null;
}

export class SecurityEventPageDto {
  items: SecurityEventDto[];

  total: number;

  page: number;

  pageSize: number;
}
