import { Conflict } from '../common/errors.js';
import { fieldError } from '../task-forms/field-error.js';
import { assertDates } from '../common/date-rules.js';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import {
  findingsDue,
  findingVariable,
  openRectification,
} from '../rectification/rectification.opener.js';
import { assertTaskFor, requireLinked } from '../task-forms/linked-record.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import { bilingual } from '../common/locale.js';
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
        const batch = await batchOf(em, task);
        const item = await this.item(em, task, batch, false);
        assertTaskFor(task, item.branchId);
        return { item, records: await this.scope.records(em, item.branchId, batch.month) };
      },
      submit: async (em, user, task, p) => {
        const item = await this.item(em, task, await batchOf(em, task), true);
        assertTaskFor(task, item.branchId);
        if (item.status !== 'pending') {
          throw new Conflict(`Spot-check item ${item.id} is already ${item.status} (已检查).`);
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
        const batch = await batchOf(em, task);
        return { batch, items: await this.noticedItems(em, task, batch, false) };
      },
      submit: async (em, user, task, p) => {
        const batch = await batchOf(em, task);
        const now = this.clock.now();
        for (const item of await this.noticedItems(em, task, batch, true)) {
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
    batch: SpotCheckBatch,
    lock: boolean,
  ): Promise<SpotCheckItem[]> {
    if (task.variables['sample'] !== undefined) return [await this.item(em, task, batch, lock)];
    return em.find(SpotCheckItem, {
      where: { batchId: batch.id, status: 'findings' },
      order: { id: 'ASC' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /**
   * The sampled branch's item a task of the multi-instance step is about: named by the `sample`
   * item variable, but only an item of the batch linked to the task's flow (else 409).
   */
  private async item(
    em: EntityManager,
    task: WorkflowTask,
    batch: SpotCheckBatch,
    lock: boolean,
  ): Promise<SpotCheckItem> {
    const item = await em.findOne(SpotCheckItem, {
      where: { id: taskField(task, 'sample', 'itemId'), batchId: batch.id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!item) {
      throw new Conflict(
        bilingual('该待办未关联此抽查项', 'the task is not linked to this spot-check item'),
      );
    }
    return item;
  }
}

/** The batch a spot-check task belongs to: the one linked to its flow, never `batchId`. */
function batchOf(em: EntityManager, task: WorkflowTask): Promise<SpotCheckBatch> {
  return requireLinked(em, SpotCheckBatch, task, ['抽查批次', 'a spot-check batch']);
}
