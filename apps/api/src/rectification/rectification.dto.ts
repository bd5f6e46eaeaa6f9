import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  RECTIFICATION_SOURCES,
  RECTIFICATION_STATUSES,
  SEVERITIES,
  type RectificationSource,
  type RectificationStatus,
  type Severity,
} from './rectification.entity.js';
import { TaskFormBody } from '../task-forms/task-form-body.js';

/** A problem found by an inspector or supervisor; each one opens a rectification. */
export class FindingDto {
  @ApiProperty({ maxLength: 200, example: '未按要求开展交流发言' })
  @IsString()
  @IsNotEmpty({ message: '请填写问题标题 (title is required)' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty({ message: '请描述问题 (description is required)' })
  @MaxLength(4000)
  description: string;

  @IsIn(SEVERITIES)
  severity: Severity;

  @ApiProperty({ example: '2026-04-30', description: '整改期限 (China day, due at its end)' })
  @IsISO8601({ strict: true }, { message: '整改期限须为日期 YYYY-MM-DD (dueDate must be a date)' })
  dueDate: string;
}

/** A finding an inspection raises against one of the inspected committee's branches. */
export class BranchFindingDto extends FindingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  branchId: string;
}

/** POST /rectifications: a problem the branch found itself (自查), or one OD/committee records. */
export class SelfFoundRectificationDto extends BranchFindingDto {}

/** Form `orglife:rectification-plan`. */
@TaskFormBody('orglife:rectification-plan')
export class RectificationPlanDto {
  @ApiProperty({ maxLength: 8000, description: '整改措施、责任人、时限' })
  @IsString()
  @IsNotEmpty({ message: '请填写整改方案 (plan is required)' })
  @MaxLength(8000)
  plan: string;
}

/** Forms `orglife:rectification-plan-review` and `orglife:rectification-evidence-review`. */
@TaskFormBody('orglife:rectification-plan-review', 'orglife:rectification-evidence-review')
export class RectificationReviewDto {
  @ApiProperty({ description: 'true = 通过, false = 退回' })
  @IsBoolean()
  approved: boolean;

  @ApiPropertyOptional({ maxLength: 4000, description: '退回时必填 (required when returning)' })
  @ValidateIf((o: RectificationReviewDto) => o.approved === false || o.comment !== undefined)
  @IsString()
  @IsNotEmpty({ message: '退回时请填写意见 (comment is required when returning)' })
  @MaxLength(4000)
  comment?: string;
}

/** Form `orglife:rectification-evidence`. */
@TaskFormBody('orglife:rectification-evidence')
export class RectificationEvidenceDto {
  @ApiProperty({ maxLength: 8000, description: '整改落实情况' })
  @IsString()
  @IsNotEmpty({ message: '请填写整改落实情况 (evidence is required)' })
  @MaxLength(8000)
  evidence: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Attachments uploaded via POST /attachments',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

/** Form `orglife:follow-up-check` (回头看). */
@TaskFormBody('orglife:follow-up-check')
export class FollowUpCheckDto {
  @ApiProperty({ description: 'true = 整改落实; false = 重新整改' })
  @IsBoolean()
  holds: boolean;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty({ message: '请填写复查情况 (notes is required)' })
  @MaxLength(4000)
  notes: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: '重新整改期限，未落实时必填' })
  @ValidateIf((o: FollowUpCheckDto) => o.holds === false)
  @IsISO8601(
    { strict: true },
    { message: '重新整改期限须为日期 YYYY-MM-DD (newDueDate is required when reopening)' },
  )
  newDueDate?: string;
}

export class RectificationQueryDto {
  @ApiPropertyOptional({ enum: RECTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(RECTIFICATION_STATUSES)
  status?: RectificationStatus;

  @IsOptional()
  @IsIn(RECTIFICATION_SOURCES)
  source?: RectificationSource;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A branch or committee: items in its subtree',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}
