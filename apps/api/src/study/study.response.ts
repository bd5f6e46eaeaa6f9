import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TaskFormContext } from '../task-forms/task-form-context.js';
import type { StudyArrangement } from './study-arrangement.entity.js';
import type { StudyContent, StudyContentStatus, StudyMaterial } from './study-content.entity.js';
import type { StudyContentView } from './study.service.js';

export class StudyMaterialResponse implements StudyMaterial {
  @ApiProperty()
  title: string;

  @ApiPropertyOptional()
  url?: string;

  @ApiPropertyOptional()
  description?: string;
}

/** The month's study content (每月学习内容). */
export class StudyContentResponse implements StudyContent {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  universityId: string;

  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: [String], description: '学习专题' })
  topics: string[];

  @ApiProperty({ type: [StudyMaterialResponse] })
  materials: StudyMaterialResponse[];

  @ApiProperty({ type: [String], format: 'uuid' })
  attachmentIds: string[];

  @ApiProperty({ enum: ['draft', 'published', 'cancelled'] })
  status: StudyContentStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Workflow instance' })
  instanceId: string | null;

  @ApiProperty({ format: 'uuid' })
  createdBy: string;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  publishedBy: string | null;

  @ApiProperty({ type: Date, nullable: true })
  publishedAt: Date | null;
}

/** A committee's theme and monthly arrangement (月度安排). */
export class StudyArrangementResponse implements StudyArrangement {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  studyContentId: string;

  @ApiProperty({ format: 'uuid' })
  committeeId: string;

  @ApiProperty()
  theme: string;

  @ApiProperty()
  arrangement: string;

  @ApiProperty({ type: [StudyMaterialResponse] })
  materials: StudyMaterialResponse[];

  @ApiProperty({ format: 'uuid' })
  createdBy: string;

  @ApiProperty()
  createdAt: Date;
}

export class StudyContentViewResponse extends StudyContentResponse implements StudyContentView {
  @ApiProperty({ type: [StudyArrangementResponse] })
  arrangements: StudyArrangementResponse[];
}

/** What publishing the month's study content shows. */
@TaskFormContext('orglife:study-content-publish')
export class StudyPublishContextResponse {
  @ApiProperty({ type: StudyContentResponse })
  studyContent: StudyContentResponse;
}

/** What a committee's arrangement of the study content shows. */
@TaskFormContext('orglife:study-arrangement')
export class StudyArrangementContextResponse extends StudyPublishContextResponse {
  @ApiProperty({ format: 'uuid', description: 'The committee whose arrangement this is' })
  committeeId: string;
}
