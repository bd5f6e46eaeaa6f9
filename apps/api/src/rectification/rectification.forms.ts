import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { type TaskForm, TaskFormRegistry } from '../task-forms/task-form.registry.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { assertDates, dueAfterToday } from '../common/date-rules.js';
import { endOfChinaDay } from './due-date.js';
import {
  FollowUpCheckDto,
  RectificationEvidenceDto,
  RectificationPlanDto,
  RectificationReviewDto,
} from './rectification.dto.js';
import { RectificationRepository } from './rectification.repository.js';
import { RectificationDetailResponse } from './rectification.response.js';
import { rectificationIdOf } from './rectification-task.js';

/**
 * The rectification flow's task forms. Who may submit is the task's candidate group (the
 * branch's secretary, its committee, OD, an inspector); each form checks the item is in the
 * state its step expects, so a stale or repeated submit gets 409.
 */
@Injectable()
export class RectificationForms implements OnModuleInit {
  constructor(
    private readonly registry: TaskFormRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    for (const form of this.forms()) this.registry.register(form);
  }

  private forms(): TaskForm[] {
    const context = async (
      em: EntityManager,
      _user: AuthUser,
      task: WorkflowTask,
    ): Promise<RectificationDetailResponse> => {
      const repo = new RectificationRepository(em);
      const id = await rectificationIdOf(em, task);
      return { rectification: await repo.get(id), history: await repo.history(id) };
    };
    const form = <P extends object>(
      formKey: string,
      payload: new () => P,
      submit: (
        repo: RectificationRepository,
        actor: string,
        id: string,
        p: P,
      ) => Promise<Variables>,
    ): TaskForm<P, RectificationDetailResponse> => ({
      formKey,
      payload,
      contextType: RectificationDetailResponse,
      context,
      submit: async (em, user, task, p) =>
        submit(
          new RectificationRepository(em),
          user.personId,
          await rectificationIdOf(em, task),
          p,
        ),
    });
    return [
      form('orglife:rectification-plan', RectificationPlanDto, async (repo, actor, id, p) => {
        const item = await repo.lockIn(id, 'awaiting_plan');
        item.plan = p.plan;
        item.status = 'plan_review';
        await repo.save(item);
        await repo.record(item, this.clock.now(), actor, 'plan_submitted', null, { plan: p.plan });
        return {};
      }),
      form(
        'orglife:rectification-plan-review',
        RectificationReviewDto,
        async (repo, actor, id, p) => {
          const item = await repo.lockIn(id, 'plan_review');
          item.status = p.approved ? 'awaiting_evidence' : 'awaiting_plan';
          await repo.save(item);
          const action = p.approved ? 'plan_approved' : 'plan_returned';
          await repo.record(item, this.clock.now(), actor, action, p.comment ?? null);
          return { approved: p.approved };
        },
      ),
      form(
        'orglife:rectification-evidence',
        RectificationEvidenceDto,
        async (repo, actor, id, p) => {
          const item = await repo.lockIn(id, 'awaiting_evidence');
          item.evidence = p.evidence;
          item.status = 'evidence_review';
          await repo.save(item);
          await repo.record(item, this.clock.now(), actor, 'evidence_submitted', null, {
            evidence: p.evidence,
            attachmentIds: p.attachmentIds ?? [],
          });
          return {};
        },
      ),
      form(
        'orglife:rectification-evidence-review',
        RectificationReviewDto,
        async (repo, actor, id, p) => {
          const item = await repo.lockIn(id, 'evidence_review');
          const now = this.clock.now();
          item.status = p.approved ? 'closed' : 'awaiting_evidence';
          item.closedAt = p.approved ? now : null;
          await repo.save(item);
          await repo.record(
            item,
            now,
            actor,
            p.approved ? 'closed' : 'evidence_returned',
            p.comment ?? null,
          );
          return { approved: p.approved };
        },
      ),
      form('orglife:follow-up-check', FollowUpCheckDto, async (repo, actor, id, p) => {
        const now = this.clock.now();
        if (!p.holds) assertDates(dueAfterToday('newDueDate', p.newDueDate ?? '', now));
        const item = await repo.lockIn(id, 'closed');
        if (p.holds) {
          item.status = 'verified';
          item.verifiedAt = now;
          await repo.save(item);
          await repo.record(item, now, actor, 'follow_up_held', p.notes);
        } else {
          // Reopen: the earlier plan and evidence stay in the history, the item starts over.
          const previous = {
            plan: item.plan,
            evidence: item.evidence,
            dueAt: item.dueAt.toISOString(),
          };
          item.status = 'awaiting_plan';
          item.reopenCount += 1;
          item.dueAt = endOfChinaDay(p.newDueDate ?? '');
          item.plan = null;
          item.evidence = null;
          item.escalatedAt = null;
          item.closedAt = null;
          item.followUpAt = null;
          await repo.save(item);
          await repo.record(item, now, actor, 'reopened', p.notes, {
            previous,
            dueAt: item.dueAt.toISOString(),
          });
        }
        return { holds: p.holds, dueAt: item.dueAt.toISOString() };
      }),
    ];
  }
}
