import { Injectable } from '@nestjs/common';
import { Forbidden, Conflict } from '../../common/errors.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import type { CommandContext } from '../instances/command-context.js';
import { InstanceCommandRunner } from '../instances/instance-command.runner.js';
import { auditTask, TaskCommandService, type TaskOutcome } from '../tasks/task-command.service.js';
import { WorkflowTask } from '../tasks/task.entity.js';
import { TaskVoteService } from './task-vote.service.js';
import { voteKindOf } from './vote-rule.js';

/**
 * 加签 and 减签 on a vote step (a parallel multi-instance user task): an approver is added as
 * one more inner instance of the running round, or a pending one is cancelled — engine
 * commands (`addInnerInstance`, `cancelInnerInstance`) in the same transaction as the audit row.
 */
@Injectable()
export class TaskCosignService {
  constructor(
    private readonly commands: TaskCommandService,
    private readonly runner: InstanceCommandRunner,
    private readonly votes: TaskVoteService,
  ) {}

  /** 并行加签: `personId` votes in the round of the open task `taskId`. */
  async add(
    user: AuthUser,
    taskId: string,
    personId: string,
    reason: string | undefined,
  ): Promise<TaskOutcome> {
    return this.commands.onOpenTask(user, taskId, null, async (ctx, task, rights, instance) => {
      const bodyId = roundOf(task, '加签');
      if (!rights.manager && task.assignee !== user.personId) {
        throw new Forbidden(
          bilingual(
            '只有本步骤的当前审批人或其上级（组织部、党委领导）可以加签',
            'only the step’s current approver or the leadership over its unit may add an approver',
          ),
        );
      }
      await this.commands.assertMayGoTo(ctx.em, task, personId);
      if ((await openInRound(ctx, bodyId)).some((t) => t.assignee === personId)) {
        throw new Conflict(
          bilingual(
            '该人员已是本轮的待审批人，不能重复加签',
            'the person already has a pending vote in this round',
          ),
        );
      }
      const step = await this.runner.run(ctx, instance, {
        type: 'addInnerInstance',
        bodyId,
        item: personId,
        now: ctx.now.toISOString(),
      });
      const created = step.effects.find((e) => e.type === 'taskCreated');
      auditTask(ctx, 'task.approver-added', task, {
        to: personId,
        position: 'parallel',
        addedTaskId: created?.type === 'taskCreated' ? created.task.id : null,
        reason: reason ?? null,
      });
      return task;
    });
  }

  /** 减签: the pending approver's task `taskId` leaves its round; `reason` says why. */
  async remove(user: AuthUser, taskId: string, reason: string): Promise<TaskOutcome> {
    return this.commands.onOpenTask(user, taskId, null, async (ctx, task, rights, instance) => {
      const bodyId = roundOf(task, '减签');
      const addedBy = await this.votes.addedBy(task.instanceId, ctx.em);
      if (!rights.manager && addedBy.get(task.id) !== user.personId) {
        throw new Forbidden(
          bilingual(
            '只有加签人或该步骤的上级（组织部、党委领导）可以减签',
            'only who added the approver or the leadership over the step’s unit may remove them',
          ),
        );
      }
      if ((await openInRound(ctx, bodyId)).length <= 1) {
        throw new Conflict(
          bilingual(
            '该审批人是本轮最后一位待审批人，不能减签',
            'the approver is the last one pending in the round and cannot be removed',
          ),
        );
      }
      await this.runner.run(ctx, instance, {
        type: 'cancelInnerInstance',
        elementInstanceId: task.id,
        now: ctx.now.toISOString(),
      });
      task.status = 'cancelled';
      auditTask(ctx, 'task.approver-removed', task, { to: task.assignee, reason });
      return task;
    });
  }
}

/** The round (multi-instance body) of a vote task; 409 saying why `verb` does not apply. */
function roundOf(task: WorkflowTask, verb: string): string {
  if (!voteKindOf(task) || !task.miBodyId) {
    throw new Conflict(
      bilingual(
        `该步骤不是会签、或签或票签，不能${verb}`,
        `the step is not a vote (countersign) step: no approver can be ${verb === '加签' ? 'added' : 'removed'}`,
      ),
    );
  }
  return task.miBodyId;
}

async function openInRound(ctx: CommandContext, bodyId: string): Promise<WorkflowTask[]> {
  return ctx.em.find(WorkflowTask, { where: { miBodyId: bodyId, status: 'open' } });
}
