import { Inject, Injectable } from '@nestjs/common';
import { NotFound, Conflict } from '../common/errors.js';
import { assertDates, monthNotOver } from '../common/date-rules.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, Not } from 'typeorm';
import { assertAttachmentsOf } from './study-attachments.js';
import { AccessService } from '../access/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { TaskFormService } from '../task-forms/task-form.service.js';
import { WorkflowRuntimeService } from '../workflow/instances/workflow-runtime.service.js';
import { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { StudyArrangement } from './study-arrangement.entity.js';
import { StudyContent } from './study-content.entity.js';
import type {
  CreateStudyContentDto,
  PublishStudyContentDto,
  StudyArrangementDto,
} from './study.dto.js';
import { Transactions } from '../database/transactions.js';

export const STUDY_PROCESS_ID = 'study-content';

export interface StudyContentView extends StudyContent {
  arrangements: StudyArrangement[];
}

/** OD's monthly study content: drafting starts the flow; publishing and arrangements are its tasks. */
@Injectable()
export class StudyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly access: AccessService,
    private readonly runtime: WorkflowRuntimeService,
    private readonly forms: TaskFormService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, dto: CreateStudyContentDto): Promise<StudyContent> {
    const universityId = await this.universityOf(user);
    await this.access.assertRole(user, universityId, ['od_admin']);
    assertDates(monthNotOver('month', dto.month, this.clock.now()));
    return this.transactions.run(async (em) => {
      await assertAttachmentsOf(em, universityId, dto.attachmentIds);
      if (
        await em.existsBy(StudyContent, {
          universityId,
          month: dto.month,
          status: Not('cancelled'),
        })
      ) {
        throw new Conflict(
          `The study content of ${dto.month} already exists (本月学习内容已存在).`,
        );
      }
      const content = await em.save(
        em.create(StudyContent, {
          universityId,
          month: dto.month,
          title: dto.title,
          topics: dto.topics,
          materials: dto.materials.map((m) => ({ ...m })),
          attachmentIds: dto.attachmentIds,
          status: 'draft',
          createdBy: user.personId,
        }),
      );
      const instance = await this.runtime.startProcess(em, {
        processId: STUDY_PROCESS_ID,
        orgUnitId: universityId,
        businessKey: `study-content:${content.id}`,
        startedBy: user.personId,
        variables: { studyContentId: content.id, month: dto.month, universityId },
      });
      await em.update(StudyContent, { id: content.id }, { instanceId: instance.id });
      return { ...content, instanceId: instance.id };
    });
  }

  /** Published content for everyone; drafts only for OD. */
  async list(user: AuthUser, month?: string): Promise<StudyContent[]> {
    const universityId = await this.universityOf(user);
    const od = await this.access.hasRole(user, universityId, ['od_admin']);
    return this.db.getRepository(StudyContent).find({
      where: { universityId, ...(month ? { month } : {}), ...(od ? {} : { status: 'published' }) },
      order: { month: 'DESC' },
    });
  }

  async get(user: AuthUser, id: string): Promise<StudyContentView> {
    const content = await this.db.getRepository(StudyContent).findOneBy({ id });
    const universityId = await this.universityOf(user);
    const od = await this.access.hasRole(user, universityId, ['od_admin']);
    if (
      !content ||
      content.universityId !== universityId ||
      (content.status !== 'published' && !od)
    ) {
      throw new NotFound(`Study content ${id} does not exist (学习内容不存在).`);
    }
    const arrangements = await this.db
      .getRepository(StudyArrangement)
      .find({ where: { studyContentId: id }, order: { createdAt: 'ASC' } });
    return { ...content, arrangements };
  }

  async publish(
    user: AuthUser,
    id: string,
    dto: PublishStudyContentDto,
  ): Promise<StudyContentView> {
    const taskId = await this.openTask(id, 'orglife:study-content-publish');
    await this.forms.submit(user, taskId, dto);
    return this.get(user, id);
  }

  async arrange(user: AuthUser, id: string, dto: StudyArrangementDto): Promise<StudyContentView> {
    const taskId = await this.openTask(id, 'orglife:study-arrangement', dto.committeeId);
    await this.forms.submit(user, taskId, dto);
    return this.get(user, id);
  }

  /** The open task of the content's flow for a form (and committee); 409 when there is none. */
  private async openTask(id: string, formKey: string, committeeId?: string): Promise<string> {
    const content = await this.db.getRepository(StudyContent).findOneBy({ id });
    if (!content?.instanceId)
      throw new NotFound(`Study content ${id} does not exist (学习内容不存在).`);
    const tasks = await this.db.getRepository(WorkflowTask).findBy({
      instanceId: content.instanceId,
      formKey,
      status: 'open',
    });
    const task = tasks.find((t) => !committeeId || t.variables['committeeId'] === committeeId);
    if (!task) {
      throw new Conflict(
        `Study content ${id} has no open ${formKey} task${committeeId ? ` for committee ${committeeId}` : ''} (当前没有待办).`,
      );
    }
    return task.id;
  }

  /** The root of the caller's org tree (one university per deployment). */
  private async universityOf(user: AuthUser): Promise<string> {
    const first = user.roles[0];
    if (!first) throw new NotFound('You hold no role (未分配角色).');
    const root = (await this.access.pathOf(first.orgUnitId)).split('/').filter(Boolean)[0];
    if (!root) throw new NotFound('No university above your units.');
    return root;
  }
}
