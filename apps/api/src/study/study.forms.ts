import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Conflict } from '../common/errors.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { fieldError } from '../task-forms/field-error.js';
import { assertTaskFor, linkedRecord } from '../task-forms/linked-record.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import { stringVar } from '../task-forms/variable.reader.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { StudyArrangement } from './study-arrangement.entity.js';
import { StudyContent } from './study-content.entity.js';
import { PublishStudyContentDto, StudyArrangementDto } from './study.dto.js';
import { StudyArrangementContextResponse, StudyPublishContextResponse } from './study.response.js';
import { assertAttachmentsOf } from './study-attachments.js';

/** Forms of the `study-content` flow: OD publishes, each committee adds its arrangement. */
@Injectable()
export class StudyForms implements OnModuleInit {
  constructor(
    private readonly registry: TaskFormRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      formKey: 'orglife:study-content-publish',
      payload: PublishStudyContentDto,
      contextType: StudyPublishContextResponse,
      submit: async (em, user, task, dto) => {
        const content = await contentOfTask(em, task);
        if (dto.attachmentIds)
          await assertAttachmentsOf(em, content.universityId, dto.attachmentIds);
        await em.update(
          StudyContent,
          { id: content.id },
          {
            ...(dto.title !== undefined ? { title: dto.title } : {}),
            ...(dto.topics !== undefined ? { topics: dto.topics } : {}),
            ...(dto.materials !== undefined
              ? { materials: dto.materials.map((m) => ({ ...m })) }
              : {}),
            ...(dto.attachmentIds !== undefined ? { attachmentIds: dto.attachmentIds } : {}),
            status: 'published',
            publishedBy: user.personId,
            publishedAt: this.clock.now(),
          },
        );
      },
      context: async (em, _user, task): Promise<StudyPublishContextResponse> => ({
        studyContent: await contentOfTask(em, task),
      }),
    });
    this.registry.register({
      formKey: 'orglife:study-arrangement',
      payload: StudyArrangementDto,
      contextType: StudyArrangementContextResponse,
      submit: async (em, user, task, dto) => {
        const content = await contentOfTask(em, task);
        const committeeId = committeeOfTask(task);
        if (dto.committeeId !== committeeId) {
          throw fieldError(
            'committeeId',
            `此待办属于另一个二级党组织 (this task is for committee ${committeeId})`,
          );
        }
        await em.insert(StudyArrangement, {
          studyContentId: content.id,
          committeeId,
          theme: dto.theme,
          arrangement: dto.arrangement,
          materials: dto.materials.map((m) => ({ ...m })),
          createdBy: user.personId,
        });
      },
      context: async (em, _user, task): Promise<StudyArrangementContextResponse> => ({
        studyContent: await contentOfTask(em, task),
        committeeId: committeeOfTask(task),
      }),
    });
  }
}

async function contentOfTask(em: EntityManager, task: WorkflowTask): Promise<StudyContent> {
  const content = await linkedRecord(em, StudyContent, task);
  if (!content) {
    throw new Conflict(`Task ${task.id} is not linked to a study content (任务未关联学习内容).`);
  }
  return content;
}

/** The committee an arrangement task is for: its item variable, only if the task was made for it. */
function committeeOfTask(task: WorkflowTask): string {
  const committeeId = stringVar(task.variables, 'committeeId');
  assertTaskFor(task, committeeId);
  return committeeId;
}
