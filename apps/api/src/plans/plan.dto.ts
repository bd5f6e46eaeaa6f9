import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MONTH_MESSAGE, MONTH_PATTERN } from './month.js';
import {
  ACTIVITY_KINDS,
  MEETING_TYPES,
  MIN_SEGMENTS,
  MIN_SEGMENTS_MESSAGE,
  SEGMENT_KEYS,
  type ActivityKind,
  type MeetingType,
  type SegmentKey,
} from './plan.vocabulary.js';
import { TaskFormBody } from '../task-forms/task-form-body.js';

export class PlanSegmentDto {
  @ApiProperty({
    enum: SEGMENT_KEYS,
    description: '学 study · 讲 lecture · 听 listen · 报 report · 议 review · 定 decide',
  })
  @IsIn(SEGMENT_KEYS)
  key: SegmentKey;

  @ApiProperty({
    format: 'uuid',
    description: 'The member of the branch who owns the segment (负责人)',
  })
  @IsUUID()
  ownerId: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: '请填写环节内容 (content is required)' })
  @MaxLength(2000)
  content: string;
}

export class PlanActivityDto {
  @IsIn(ACTIVITY_KINDS)
  kind: ActivityKind;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description: string;
}

/** Form `orglife:plan-draft`. */
@TaskFormBody('orglife:plan-draft')
export class PlanDraftDto {
  @ApiProperty({ maxLength: 200, example: '学习贯彻全会精神' })
  @IsString()
  @IsNotEmpty({ message: '请填写主题 (topic is required)' })
  @MaxLength(200)
  topic: string;

  @ApiProperty({ format: 'date-time', description: 'When the session is held' })
  @IsDateString(
    { strict: true },
    { message: '请填写有效的时间 (plannedAt must be an ISO date-time)' },
  )
  plannedAt: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty({ message: '请填写地点 (place is required)' })
  @MaxLength(200)
  place: string;

  @ApiProperty({ enum: MEETING_TYPES, isArray: true, description: '支委会/党小组会/党员大会/党课' })
  @IsArray()
  @ArrayMinSize(1, { message: '至少选择1种会议类型 (choose at least one meeting type)' })
  @ArrayUnique()
  @IsIn(MEETING_TYPES, { each: true })
  meetingTypes: MeetingType[];

  @ApiProperty({ type: [PlanSegmentDto], minItems: MIN_SEGMENTS, maxItems: 6 })
  @IsArray()
  @ArrayMinSize(MIN_SEGMENTS, { message: MIN_SEGMENTS_MESSAGE })
  @ArrayMaxSize(6)
  @ArrayUnique((s: PlanSegmentDto) => s.key, { message: '环节不能重复 (each segment once)' })
  @ValidateNested({ each: true })
  @Type(() => PlanSegmentDto)
  segments: PlanSegmentDto[];

  @ApiPropertyOptional({
    type: PlanActivityDto,
    description: 'Second-half activity',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @ValidateNested()
  @Type(() => PlanActivityDto)
  activity?: PlanActivityDto | null;
}

/** Form `orglife:plan-approval` (both levels). */
@TaskFormBody('orglife:plan-approval')
export class PlanReviewDto {
  @IsIn(['approve', 'return'])
  decision: 'approve' | 'return';

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when returning (退回意见)' })
  @ValidateIf((o: PlanReviewDto) => o.decision === 'return' || o.comment !== undefined)
  @IsString()
  @IsNotEmpty({ message: '退回时请填写意见 (a comment is required when returning)' })
  @MaxLength(2000)
  comment?: string;
}

/** A branch starts its own plan flow for a month (e.g. an extra session). */
export class StartPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  branchId: string;

  @ApiProperty({ example: '2026-12' })
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month: string;
}

export class PlanListQuery {
  @ApiPropertyOptional({ example: '2026-12' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class WeakBranchDto {
  @IsBoolean()
  weak: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
