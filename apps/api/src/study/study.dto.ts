import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MONTH_MESSAGE, MONTH_PATTERN } from '../plans/month.js';
import { TaskFormBody } from '../task-forms/task-form-body.js';

export class StudyMaterialDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsUrl({ require_tld: false })
  @MaxLength(1000)
  url?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** OD drafts the month's content (starts the study-content flow). */
export class CreateStudyContentDto {
  @ApiProperty({ example: '2026-12' })
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty({ message: '请填写标题 (title is required)' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: [String], description: '学习专题' })
  @IsArray()
  @ArrayMinSize(1, { message: '至少填写1个学习专题 (at least one topic)' })
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  topics: string[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StudyMaterialDto)
  materials: StudyMaterialDto[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'From POST /attachments' })
  @IsArray()
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  attachmentIds: string[];
}

/** Form `orglife:study-content-publish`: OD may revise the draft while publishing it. */
@TaskFormBody('orglife:study-content-publish')
export class PublishStudyContentDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: '至少填写1个学习专题 (at least one topic)' })
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  topics?: string[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StudyMaterialDto)
  materials?: StudyMaterialDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  attachmentIds?: string[];
}

/** Form `orglife:study-arrangement`: a committee's theme and monthly arrangement. */
@TaskFormBody('orglife:study-arrangement')
export class StudyArrangementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  committeeId: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty({ message: '请填写主题 (theme is required)' })
  @MaxLength(200)
  theme: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty({ message: '请填写月度安排 (arrangement is required)' })
  @MaxLength(5000)
  arrangement: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StudyMaterialDto)
  materials: StudyMaterialDto[];
}
