import { ApiProperty } from '@nestjs/swagger';
import { TaskFormContext } from '../task-forms/task-form-context.js';
import type { StudyArrangement } from './study-arrangement.entity.js';
import type { StudyContent, StudyContentStatus, StudyMaterial } from './study-content.entity.js';
import type { StudyContentView } from './study.service.js';

export class StudyMaterialResponse implements StudyMaterial {
  title: string;

  url?: string;

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

  title: string;

  @ApiProperty({ type: [String], description: '学习专题' })
  topics: string[];

  materials: StudyMaterialResponse[];

  @ApiProperty({ type: [String], format: 'uuid' })
  attachmentIds: string[];

  @ApiProperty({ enum: ['draft', 'published', 'cancelled'] })
  status: StudyContentStatus;

  @ApiProperty({ type: String, format: 'uuid', description: 'Workflow instance' })
  instanceId: string | null;

  @ApiProperty({ format: 'uuid' })
  createdBy: string;

  createdAt: Date;

  @ApiProperty({ type: String, format: 'uuid' })
  publishedBy: string | null;

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

  theme: string;

  arrangement: string;

  materials: StudyMaterialResponse[];

  @ApiProperty({ format: 'uuid' })
  createdBy: string;

  createdAt: Date;
}

export class StudyContentViewResponse extends StudyContentResponse implements StudyContentView {
  arrangements: StudyArrangementResponse[];
}

/** What publishing the month's study content shows. */
@TaskFormContext('orglife:study-content-publish')
export class StudyPublishContextResponse {
  studyContent: StudyContentResponse;
}

/** What a committee's arrangement of the study content shows. */
@TaskFormContext('orglife:study-arrangement')
export class StudyArrangementContextResponse extends StudyPublishContextResponse {
  @ApiProperty({ format: 'uuid', description: 'The committee whose arrangement this is' })
  committeeId: string;
}
