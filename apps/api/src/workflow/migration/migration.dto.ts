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
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) fromVersion: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) toVersion: number;
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
  @ApiProperty() elementId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() kind: string;
  @ApiProperty({ description: 'Running instances with a token here' }) instances: number;
}

export class TargetElementDto {
  @ApiProperty() elementId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() kind: string;
}

export class MigrationPlanDto {
  @ApiProperty() fromVersion: number;
  @ApiProperty() toVersion: number;
  @ApiProperty({ type: [ActiveElementDto] }) active: ActiveElementDto[];
  @ApiProperty({ type: [TargetElementDto] }) targets: TargetElementDto[];
}

export class MigrationProblemDto {
  @ApiProperty() code: string;
  @ApiProperty() elementId: string;
  @ApiProperty() message: string;
}

export class MovedInstanceDto {
  @ApiProperty() instanceId: string;
  @ApiProperty({ nullable: true, type: String }) businessKey: string | null;
}

export class SkippedInstanceDto extends MovedInstanceDto {
  @ApiProperty({ description: 'Why it was not moved (中文 first)' }) reason: string;
  @ApiProperty({ type: [MigrationProblemDto] }) problems: MigrationProblemDto[];
}

export class MigrationReportDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty() fromVersion: number;
  @ApiProperty() toVersion: number;
  @ApiProperty({ type: [MovedInstanceDto] }) moved: MovedInstanceDto[];
  @ApiProperty({ type: [SkippedInstanceDto] }) skipped: SkippedInstanceDto[];
}
