import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { VANGUARD_GRADES, type VanguardGrade } from './evaluation.vocabulary.js';
import { TaskFormBody } from '../task-forms/task-form-body.js';

export class BranchReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiProperty({ maxLength: 5000, description: '对支部建设、上月工作的意见和建议' })
  @IsString()
  @IsNotEmpty({ message: '请填写对支部的意见 (opinion is required)' })
  @MaxLength(5000)
  opinion: string;
}

export class PeerReviewDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A report (三汇报) of another member in this session',
  })
  @IsUUID()
  reportId: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

/** Form `orglife:member-review`: the member reviews the branch and others' reports. */
@TaskFormBody('orglife:member-review')
export class MemberReviewDto {
  @ValidateNested()
  @Type(() => BranchReviewDto)
  branchReview: BranchReviewDto;

  @IsArray()
  @ArrayUnique((p: PeerReviewDto) => p.reportId)
  @ValidateNested({ each: true })
  @Type(() => PeerReviewDto)
  peerReviews: PeerReviewDto[];
}

export class PersonCommentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment: string;
}

/** Form `orglife:secretary-comments`: the secretary comments on the members who reported. */
@TaskFormBody('orglife:secretary-comments')
export class SecretaryCommentsDto {
  @IsArray()
  @ArrayMinSize(1, { message: '请至少点评一名党员 (comment on at least one member)' })
  @ArrayUnique((c: PersonCommentDto) => c.personId)
  @ValidateNested({ each: true })
  @Type(() => PersonCommentDto)
  comments: PersonCommentDto[];
}

export class VanguardCommentDto extends PersonCommentDto {
  @IsIn(VANGUARD_GRADES)
  grade: VanguardGrade;
}

/** Form `orglife:vanguard-comments`: one comment per member of the branch for the quarter. */
@TaskFormBody('orglife:vanguard-comments')
export class VanguardCommentsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique((c: VanguardCommentDto) => c.personId)
  @ValidateNested({ each: true })
  @Type(() => VanguardCommentDto)
  comments: VanguardCommentDto[];
}
