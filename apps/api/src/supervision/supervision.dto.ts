import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BranchFindingDto, FindingDto } from '../rectification/rectification.dto.js';
import { TaskFormBody } from '../task-forms/task-form-body.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Form `orglife:spot-check-inspect`: the inspector's outcome for one sampled branch. */
@TaskFormBody('orglife:spot-check-inspect')
export class SpotCheckInspectDto {
  @ApiProperty({ enum: ['pass', 'findings'], description: 'pass = 合格; findings = 发现问题' })
  @IsIn(['pass', 'findings'])
  outcome: 'pass' | 'findings';

  @ApiProperty({ maxLength: 4000, description: '检查情况' })
  @IsString()
  @IsNotEmpty({ message: '请填写检查情况 (notes is required)' })
  @MaxLength(4000)
  notes: string;

  @ApiPropertyOptional({ description: '建议通报批评 (only with findings)' })
  @IsOptional()
  @IsBoolean()
  recommendNotice?: boolean;

  @ApiPropertyOptional({
    type: [FindingDto],
    description: 'Required (≥1) when outcome is findings; empty when pass',
  })
  @ValidateIf((o: SpotCheckInspectDto) => o.outcome === 'findings' || o.findings !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: '发现问题时至少填写一项问题 (findings needs at least one item)' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings?: FindingDto[];
}

/** Form `orglife:spot-check-notice`: the 通报 OD issues for the month's findings. */
@TaskFormBody('orglife:spot-check-notice')
export class SpotCheckNoticeDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty({ message: '请填写通报标题 (title is required)' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @IsNotEmpty({ message: '请填写通报内容 (content is required)' })
  @MaxLength(20000)
  content: string;
}

/** POST /spot-checks: OD starts a draw now instead of waiting for the monthly timer. */
export class StartSpotCheckDto {
  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 1,
    description: 'Default: the flow model’s (0.1)',
  })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(1)
  sampleRate?: number;

  @ApiPropertyOptional({
    description: 'Replay a draw with a known seed; default a fresh one (recorded)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0x7fffffff)
  seed?: number;

  @ApiPropertyOptional({
    example: '2026-03',
    description: 'Month checked; default the previous month',
  })
  @IsOptional()
  @Matches(MONTH, { message: '月份格式应为 YYYY-MM (month must be YYYY-MM)' })
  month?: string;

  @ApiPropertyOptional({
    description: '追加抽查: a second draw for a month that already has its regular one',
  })
  @IsOptional()
  @IsBoolean()
  extra?: boolean;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why the extra draw (required with extra)' })
  @ValidateIf((o: StartSpotCheckDto) => o.extra === true || o.reason !== undefined)
  @IsString()
  @IsNotEmpty({ message: '追加抽查请填写理由 (an extra spot check needs a reason)' })
  @MaxLength(500)
  reason?: string;
}

export class RecordsQueryDto {
  @ApiProperty({ example: '2026-03' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month: string;
}

/** POST /onsite-supervisions: a committee leader goes to a branch session. */
export class StartOnsiteSupervisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  branchId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The session attended (org_session id)' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}

/** Form `orglife:onsite-supervision-record`. */
@TaskFormBody('orglife:onsite-supervision-record')
export class OnsiteSupervisionRecordDto {
  @ApiProperty({ example: '2026-03-18', description: '督导日期' })
  @IsISO8601({ strict: true }, { message: 'attendedOn must be a date YYYY-MM-DD' })
  attendedOn: string;

  @ApiProperty({ maxLength: 8000, description: '现场指导意见' })
  @IsString()
  @IsNotEmpty({ message: '请填写指导意见 (guidance is required)' })
  @MaxLength(8000)
  guidance: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings?: FindingDto[];
}

/** Form `orglife:annual-inspection`: one committee's inspection and the problems found. */
@TaskFormBody('orglife:annual-inspection')
export class AnnualInspectionRecordDto {
  @ApiProperty({ maxLength: 8000, description: '督查情况' })
  @IsString()
  @IsNotEmpty({ message: '请填写督查情况 (summary is required)' })
  @MaxLength(8000)
  summary: string;

  @ApiPropertyOptional({
    type: [BranchFindingDto],
    description: 'Each names a branch of the inspected committee',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BranchFindingDto)
  findings?: BranchFindingDto[];
}

/** POST /inspections: OD starts the year's inspection now. */
export class StartInspectionDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
