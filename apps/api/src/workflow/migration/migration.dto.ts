import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_MIGRATION } from './migration.service.js';

export class MigrationPlanQueryDto {
  @Type(() => Number) @IsInt() @Min(1) fromVersion: number;
  @Type(() => Number) @IsInt() @Min(1) toVersion: number;
}

export class ElementMappingDto {
  @ApiProperty({ description: 'Element id in the old version' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  source: string;

  @ApiProperty({ description: 'Element id in the new version' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  target: string;
}

export class MigrateInstancesDto extends MigrationPlanQueryDto {
  @ApiPropertyOptional({
    description: 'Instances to move; omitted = every running instance of fromVersion in reach',
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MIGRATION)
  @IsUUID('all', { each: true })
  instanceIds?: string[];

  @ApiPropertyOptional({
    description: 'Where each active element goes; ids left out map to themselves',
    type: [ElementMappingDto],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ElementMappingDto)
  mappings?: ElementMappingDto[];

  @ApiPropertyOptional({ description: 'Check only; nothing is moved' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Instances per batch (default 50)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  batchSize?: number;
}

export class ActiveElementDto {
  elementId: string;
  name: string | null;
  kind: string;
  @ApiProperty({ description: 'Running instances with a token here' }) instances: number;
}

export class TargetElementDto {
  elementId: string;
  name: string | null;
  kind: string;
}

export class MigrationPlanDto {
  fromVersion: number;
  toVersion: number;
  active: ActiveElementDto[];
  targets: TargetElementDto[];
}

export class MigrationProblemDto {
  code: string;
  elementId: string;
  message: string;
}

export class MovedInstanceDto {
  instanceId: string;
  businessKey: string | null;
}

export class SkippedInstanceDto extends MovedInstanceDto {
  @ApiProperty({ description: 'Why it was not moved (中文 first)' }) reason: string;
  problems: MigrationProblemDto[];
}

export class MigrationReportDto {
  dryRun: boolean;
  fromVersion: number;
  toVersion: number;
  moved: MovedInstanceDto[];
  skipped: SkippedInstanceDto[];
}
