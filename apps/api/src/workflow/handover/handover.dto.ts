import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class HandoverQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The new holder of the role' })
  @IsUUID()
  toPersonId: string;
}

export class HandoverDto extends HandoverQueryDto {
  @ApiPropertyOptional({ description: '换届说明, e.g. 2026 年换届选举' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class HandoverTaskDto {
  id: string;
  name: string | null;
  instanceId: string;
  processId: string;
  @ApiProperty({
    enum: ['assignee', 'owner'],
    description:
      'assignee: the old holder (or their stand-in) holds it; owner: they delegated it (委派) and it comes back to them',
  })
  holds: 'assignee' | 'owner';
  @ApiProperty({
    enum: ['role', 'name'],
    description:
      "role: the task's candidate groups name the role; name: it was named to the old holder alone (指名) in a flow of the unit",
  })
  via: 'role' | 'name';
}

export class HandoverDraftDto {
  instanceId: string;
  processId: string;
  @ApiProperty({ description: 'The flow variable that names the old holder, e.g. drafter' })
  variable: string;
}

export class HandoverRecordDto {
  @ApiProperty({ enum: ['study_content'] }) kind: string;
  id: string;
  title: string;
}

/** What a 换届 hands over (the preview), or handed over (the result). */
export class HandoverPreviewDto {
  assignmentId: string;
  role: string;
  orgUnitId: string;
  orgUnitName: string;
  fromPersonId: string;
  fromName: string;
  toPersonId: string;
  toName: string;
  @ApiProperty({ type: [HandoverTaskDto], description: '待办: open tasks that move' })
  tasks: HandoverTaskDto[];
  @ApiProperty({
    type: [HandoverDraftDto],
    description: '草稿: running flows whose drafter is the old holder (e.g. a monthly plan)',
  })
  drafts: HandoverDraftDto[];
  @ApiProperty({
    type: [HandoverRecordDto],
    description: '归属: unpublished records the old holder owns in the role',
  })
  records: HandoverRecordDto[];
}
