import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  MIN_SEGMENTS,
  MIN_SEGMENTS_MESSAGE,
  SEGMENT_KEYS,
  type SegmentKey,
} from '../plans/plan.vocabulary.js';
import {
  ATTENDANCE_STATUSES,
  DECISION_CATEGORIES,
  LECTURE_KINDS,
  REPORT_KINDS,
  SESSION_ATTACHMENT_KINDS,
  type AttendanceStatus,
  type DecisionCategory,
  type LectureKind,
  type ReportKind,
  type SessionAttachmentKind,
} from './session.vocabulary.js';
import { TaskFormBody } from '../task-forms/task-form-body.js';

export class AttendanceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES, description: '出席/请假/迟到/缺席' })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  @ApiPropertyOptional({ description: 'Required for leave and absent (请假、缺席须填写原因)' })
  @ValidateIf((o: AttendanceDto) => o.status === 'leave' || o.status === 'absent')
  @IsString()
  @IsNotEmpty({ message: '请假或缺席须填写原因 (a reason is required for leave or absence)' })
  @MaxLength(500)
  reason?: string;
}

export class SegmentRecordDto {
  @IsIn(SEGMENT_KEYS)
  key: SegmentKey;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerId: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty({ message: '请填写环节记录 (the segment record is required)' })
  @MaxLength(5000)
  record: string;
}

export class SpeechDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  topic: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  content?: string;
}

export class LectureDto {
  @ApiProperty({ enum: LECTURE_KINDS })
  @IsIn(LECTURE_KINDS)
  kind: LectureKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'The speaker, when a person in the system' })
  @ValidateIf((o: LectureDto) => o.speakerName === undefined || o.speakerId !== undefined)
  @IsUUID(undefined, {
    message: '请选择主讲人或填写专家姓名 (speakerId or speakerName is required)',
  })
  speakerId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'An outside speaker, e.g. an expert' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  speakerName?: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId: string;

  @ApiProperty({
    enum: REPORT_KINDS,
    description: '三汇报: task 工作任务, vanguard 作用发挥, thought 思想',
  })
  @IsIn(REPORT_KINDS)
  kind: ReportKind;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  content: string;
}

export class DecisionDto {
  @IsIn(DECISION_CATEGORIES)
  category: DecisionCategory;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  content: string;
}

export class SessionAttachmentDto {
  @ApiProperty({ format: 'uuid', description: 'From POST /attachments' })
  @IsUUID()
  attachmentId: string;

  @ApiProperty({ enum: SESSION_ATTACHMENT_KINDS })
  @IsIn(SESSION_ATTACHMENT_KINDS)
  kind: SessionAttachmentKind;
}

/** Form `orglife:session-record`: the "six haves" of the session. */
@TaskFormBody('orglife:session-record')
export class SessionRecordDto {
  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true }, { message: '请填写有效的时间 (heldAt must be an ISO date-time)' })
  heldAt: string;

  @ApiProperty({ type: [AttendanceDto], description: 'One row per member of the branch' })
  @IsArray()
  @ArrayMinSize(1, { message: '请登记考勤 (attendance is required)' })
  @ArrayUnique((a: AttendanceDto) => a.personId, {
    message: '每名党员只登记一次 (one row per member)',
  })
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance: AttendanceDto[];

  @ApiProperty({ type: [SegmentRecordDto], minItems: MIN_SEGMENTS, maxItems: 6 })
  @IsArray()
  @ArrayMinSize(MIN_SEGMENTS, { message: MIN_SEGMENTS_MESSAGE })
  @ArrayMaxSize(6)
  @ArrayUnique((s: SegmentRecordDto) => s.key, { message: '环节不能重复 (each segment once)' })
  @ValidateNested({ each: true })
  @Type(() => SegmentRecordDto)
  segments: SegmentRecordDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SpeechDto)
  speeches: SpeechDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LectureDto)
  lectures: LectureDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReportDto)
  reports: ReportDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DecisionDto)
  decisions: DecisionDto[];

  @IsArray()
  @ArrayUnique((a: SessionAttachmentDto) => a.attachmentId)
  @ValidateNested({ each: true })
  @Type(() => SessionAttachmentDto)
  attachments: SessionAttachmentDto[];
}

/** Form `orglife:session-summary` (also the escalated task). */
@TaskFormBody('orglife:session-summary')
export class SessionSummaryDto {
  @ApiProperty({
    maxLength: 10000,
    description: '总结: results, problems found, their causes, rectification',
  })
  @IsString()
  @IsNotEmpty({ message: '请填写总结 (summary is required)' })
  @MaxLength(10000)
  summary: string;
}

/** Form `orglife:self-study-confirm`. */
@TaskFormBody('orglife:self-study-confirm')
export class SelfStudyDto {
  @ApiPropertyOptional({ maxLength: 2000, description: '自学心得' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class SessionListQuery {
  @ApiPropertyOptional({ example: '2026-12' })
  @IsOptional()
  @IsString()
  month?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

/**
 * 更正 of a recorded session: a reason, and the parts corrected (each replaces that part whole;
 * parts left out stay as recorded).
 */
export class CorrectSessionDto {
  @ApiProperty({ maxLength: 1000, description: '更正理由' })
  @IsString()
  @IsNotEmpty({ message: '请填写更正理由 (a reason is required)' })
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '请填写有效的时间 (heldAt must be an ISO date-time)' })
  heldAt?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: '请登记考勤 (attendance is required)' })
  @ArrayUnique((a: AttendanceDto) => a.personId, {
    message: '每名党员只登记一次 (one row per member)',
  })
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance?: AttendanceDto[];

  @ApiPropertyOptional({ type: [SegmentRecordDto], minItems: MIN_SEGMENTS, maxItems: 6 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(MIN_SEGMENTS, { message: MIN_SEGMENTS_MESSAGE })
  @ArrayMaxSize(6)
  @ArrayUnique((s: SegmentRecordDto) => s.key, { message: '环节不能重复 (each segment once)' })
  @ValidateNested({ each: true })
  @Type(() => SegmentRecordDto)
  segments?: SegmentRecordDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SpeechDto)
  speeches?: SpeechDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LectureDto)
  lectures?: LectureDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReportDto)
  reports?: ReportDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DecisionDto)
  decisions?: DecisionDto[];

  @IsOptional()
  @IsArray()
  @ArrayUnique((a: SessionAttachmentDto) => a.attachmentId)
  @ValidateNested({ each: true })
  @Type(() => SessionAttachmentDto)
  attachments?: SessionAttachmentDto[];

  @ApiPropertyOptional({ maxLength: 10000, description: '总结 (once the summary is in)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '请填写总结 (summary is required)' })
  @MaxLength(10000)
  summary?: string;
}
