import { fieldError } from '../task-forms/field-error.js';
import { assertDates } from '../common/date-rules.js';
import { ConflictException, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import {
  findingsDue,
  findingVariable,
  openRectification,
} from '../rectification/rectification.opener.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { InspectionScope } from './inspection.scope.js';
import { SpotCheckBatch } from './spot-check-batch.entity.js';
import { SpotCheckItem } from './spot-check-item.entity.js';
import { SpotCheckInspectDto, SpotCheckNoticeDto } from './supervision.dto.js';
import {
  SpotCheckInspectContextResponse,
  SpotCheckNoticeContextResponse,
} from './supervision.response.js';
import { taskField } from './task-variable.js';

/** Forms of the spot-check flow: the inspector's outcome per sampled branch, and OD's notice. */
@Injectable()
export class SpotCheckForms implements OnModuleInit {
  constructor(
    private readonly registry: TaskFormRegistry,
    private readonly scope: InspectionScope,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      formKey: 'orglife:spot-check-inspect',
      payload: SpotCheckInspectDto,
      contextType: SpotCheckInspectContextResponse,
      context: async (em, _user, task): Promise<SpotCheckInspectContextResponse> => {
        const item = await this.item(em, task, false);
        return {
          item,
          records: await this.scope.records(em, item.branchId, taskField(task, 'sample', 'month')),
        };
      },
      submit: async (em, user, task, p) => {
        const item = await this.item(em, task, true);
        if (item.status !== 'pending') {
          throw new ConflictException(
            `Spot-check item ${item.id} is already ${item.status} (已检查).`,
          );
        }
        if (p.outcome === 'pass' && p.findings?.length) {
          throw fieldError('findings', '合格时不填写问题 (a passing outcome lists no findings)');
        }
        const now = this.clock.now();
        assertDates(...findingsDue(p.findings ?? [], now));
        item.status = p.outcome === 'pass' ? 'passed' : 'findings';
        item.notes = p.notes;
        item.recommendNotice = p.outcome === 'findings' && p.recommendNotice === true;
        item.inspectedBy = user.personId;
        item.inspectedAt = now;
        await em.save(item);
        const findings = [];
        for (const finding of p.findings ?? []) {
          const opened = await openRectification(em, {
            source: 'spot_check',
            sourceId: item.id,
            finding: { ...finding, branchId: item.branchId },
            createdBy: user.personId,
            now,
          });
          findings.push(findingVariable(opened, item.recommendNotice));
        }
        return { findings };
      },
    });
    this.registry.register({
      formKey: 'orglife:spot-check-notice',
      payload: SpotCheckNoticeDto,
      contextType: SpotCheckNoticeContextResponse,
      context: async (em, _user, task): Promise<SpotCheckNoticeContextResponse> => {
        const batch = await em.findOneByOrFail(SpotCheckBatch, { id: taskField(task, 'batchId') });
        return { batch, items: await this.noticedItems(em, task, batch.id, false) };
      },
      submit: async (em, user, task, p) => {
        const batchId = taskField(task, 'batchId');
        const now = this.clock.now();
        for (const item of await this.noticedItems(em, task, batchId, true)) {
          item.noticeTitle = p.title;
          item.noticeContent = p.content;
          item.noticeIssuedBy = user.personId;
          item.noticeIssuedAt = now;
          await em.save(item);
        }
      },
    });
  }

  /**
   * The items a notice is on: the sampled branch of its task; a notice task begun under an
   * earlier version of the flow (one per batch, no `sample`) covers every item with findings.
   */
  private async noticedItems(
    em: EntityManager,
    task: WorkflowTask,
    batchId: string,
    lock: boolean,
  ): Promise<SpotCheckItem[]> {
    if (task.variables['sample'] !== undefined) return [await this.item(em, task, lock)];
    return em.find(SpotCheckItem, {
      where: { batchId, status: 'findings' },
      order: { id: 'ASC' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  private async item(em: EntityManager, task: WorkflowTask, lock: boolean): Promise<SpotCheckItem> {
    return em.findOneOrFail(SpotCheckItem, {
      where: { id: taskField(task, 'sample', 'itemId') },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }
}
