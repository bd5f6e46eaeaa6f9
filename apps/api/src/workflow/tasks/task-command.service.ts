import { Injectable } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { InvalidInput, Forbidden, NotFound, Conflict } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import type { CommandContext } from '../instances/command-context.js';
import { CommandScope } from '../instances/command.scope.js';
import { InstanceCommandRunner } from '../instances/instance-command.runner.js';
import type { WorkflowInstance } from '../instances/instance.entity.js';
import { isUuid } from '../instances/org-unit-of.js';
import {
  type TaskActions,
  TaskAccessPolicy,
  type TaskRights,
  taskActions,
} from './task-access.policy.js';
import { TaskCandidateIndex } from './task-candidate.index.js';
import { closeTasks } from './task-closing.js';
import { FormOnlyKeys } from './form-only-keys.js';
import { WorkflowTaskComment } from './task-comment.entity.js';
import { WorkflowTask } from './task.entity.js';
import { validateVariables } from './variables.validator.js';
import { type CompletionChoices, TaskCompletionHooks } from './task-completion.hooks.js';
import { type HeldCompletion, WorkflowTaskAddedApprover } from './task-added-approver.entity.js';
import { DomainRecordGuard } from '../instances/domain-record.guard.js';
import { Transactions } from '../../database/transactions.js';
import { newRowId } from '../../database/row-id.js';

/**
 * Runs inside the completion's transaction after the task is locked and checked, before the
 * engine moves on: write your domain rows with `em`; return variables to merge into the
 * completion (they win over the client's).
 */
export type WithinCompletion = (em: EntityManager, task: WorkflowTask) => Promise<Variables | void>;

/** A task after a command, with what its caller may do with it next. */
export interface TaskOutcome {
  task: WorkflowTask;
  actions: TaskActions;
  /** The name of the task's org unit, when the command read it with the task. */
  unitName?: string | null;
}

/**
 * Claim, unclaim, delegate, complete and comment. Each command locks the task's instance
 * row, then reads the task and works out the user's rights on it, so of two concurrent
 * completions exactly one wins and the other gets 409.
 */
@Injectable()
export class TaskCommandService {
  constructor(
    private readonly scope: CommandScope,
    private readonly runner: InstanceCommandRunner,
    private readonly policy: TaskAccessPolicy,
    private readonly tx: Transactions,
    private readonly candidates: TaskCandidateIndex,
    private readonly formOnly: FormOnlyKeys,
    private readonly domainRecords: DomainRecordGuard,
    private readonly access: AccessService,
    private readonly completionHooks: TaskCompletionHooks,
  ) {}

  async claim(user: AuthUser, taskId: string): Promise<TaskOutcome> {
    return this.onOpenTask(user, taskId, null, async (ctx, task, rights) => {
      if (task.assignee === user.personId) return task;
      if (!rights.candidate) throw forbidden('claim');
      if (!taskActions(user, task, rights).claim) {
        throw new Conflict(`Task ${taskId} is already claimed (任务已被签收).`);
      }
      task.assignee = user.personId;
      task.onBehalfOf = rights.onBehalfOf;
      await ctx.em.update(
        WorkflowTask,
        { id: task.id },
        { assignee: task.assignee, onBehalfOf: task.onBehalfOf },
      );
      await this.candidates.remove(ctx.em, [task.id]);
      this.log(ctx, 'task.claimed', task, rights.onBehalfOf ? { for: rights.onBehalfOf } : {});
      return task;
    });
  }

  async unclaim(user: AuthUser, taskId: string): Promise<TaskOutcome> {
    return this.onOpenTask(user, taskId, null, async (ctx, task, rights) => {
      if (!task.assignee) return task;
      if (!taskActions(user, task, rights).unclaim) throw forbidden('unclaim');
      task.assignee = null;
      await ctx.em.update(WorkflowTask, { id: task.id }, { assignee: null });
      await this.candidates.add(ctx.em, task);
      this.log(ctx, 'task.unclaimed', task);
      return task;
    });
  }

  /**
   * Hands the task to `assignee` (a person id): by its assignee or OD/committee leadership, to a
   * person the task may go to (see `assertMayReceive`).
   */
  async delegate(user: AuthUser, taskId: string, assignee: string): Promise<TaskOutcome> {
    if (!isUuid(assignee)) throw new InvalidInput('assignee must be a person id');
    return this.onOpenTask(user, taskId, null, async (ctx, task, rights) => {
      refuseWhileEntrusted(
        task,
        bilingual(
          '该任务正在委派中，交回委派人后才能转办',
          'the task is delegated: it must come back to its owner before it can be reassigned',
        ),
      );
      if (!taskActions(user, task, rights).delegate) throw forbidden('delegate');
      await this.assertMayReceive(ctx.em, task, assignee);
      const previous = task.assignee;
      task.assignee = assignee;
      await ctx.em.update(WorkflowTask, { id: task.id }, { assignee });
      if (!previous) await this.candidates.remove(ctx.em, [task.id]);
      this.log(ctx, 'task.delegated', task, { from: previous, to: assignee });
      return task;
    });
  }

  /**
   * Completes the task as `user` (its assignee, or a candidate when unassigned) with
   * `variables`, in one transaction with whatever `withinTx` writes and the completion hooks do
   * (votes, copies). Pass `em` to join a transaction you already opened.
   */
  async complete(
    user: AuthUser,
    taskId: string,
    variables: unknown,
    withinTx?: WithinCompletion,
    em?: EntityManager | null,
    choices: CompletionChoices = {},
  ): Promise<TaskOutcome> {
    const given = validateVariables(variables);
    await this.domainRecords.refuseLinks(given);
    return this.onOpenTask(user, taskId, em ?? null, async (ctx, task, rights, instance) => {
      refuseWhileEntrusted(
        task,
        bilingual(
          '委派的任务须由被委派人交回，再由委派人办结',
          'a delegated task is handed back by the delegate and finished by its owner',
        ),
      );
      refuseWhileAdded(task);
      if (!taskActions(user, task, rights).complete) throw forbidden('complete');
      if (!withinTx && this.formOnly.has(task.formKey)) {
        throw new InvalidInput(
          bilingual(
            `请通过业务表单办理：POST /api/task-forms/${task.id}`,
            `Task ${task.id} has the domain form ${task.formKey}: submit it with POST /api/task-forms/${task.id}`,
          ),
          { type: 'urn:orglife:problem:domain-form' },
        );
      }
      if (task.addedStep === 'after') return this.holdForAdded(ctx, user, task, given, choices);
      const extra = withinTx ? await withinTx(ctx.em, task) : undefined;
      const merged = extra ? { ...given, ...validateVariables(extra, 'domain variables') } : given;
      await this.completionHooks.completing(ctx, user, task, merged, choices);
      const claimable = task.assignee === null;
      task.status = 'completed';
      task.completedAt = ctx.now;
      task.completedBy = user.personId;
      if (claimable) {
        task.assignee = user.personId;
        if (rights.onBehalfOf) {
          task.onBehalfOf = rights.onBehalfOf;
          await ctx.em.update(WorkflowTask, { id: task.id }, { onBehalfOf: task.onBehalfOf });
        }
      }
      await closeTasks(ctx.em, {
        ids: [task.id],
        status: 'completed',
        at: ctx.now,
        by: user.personId,
        claimable,
      });
      await this.runner.run(ctx, instance, {
        type: 'completeTask',
        taskId: task.id,
        variables: merged,
        now: ctx.now.toISOString(),
      });
      // The instance's version after the step: a 撤回 holds only while it has not moved on.
      this.log(ctx, 'task.completed', task, {
        variables: Object.keys(merged),
        version: instance.version,
      });
      return task;
    });
  }

  /**
   * 后加签: the approver decided; the decision waits (held) while the added person acts on it,
   * and goes through as the approver's once they agree (see TaskSequentialService).
   */
  private async holdForAdded(
    ctx: CommandContext,
    user: AuthUser,
    task: WorkflowTask,
    variables: Variables,
    choices: CompletionChoices,
  ): Promise<WorkflowTask> {
    const added = await ctx.em.findOneBy(WorkflowTaskAddedApprover, {
      taskId: task.id,
      status: 'pending',
      position: 'after',
    });
    if (!added) throw new Conflict('后加签记录缺失 (the added approver is missing)');
    const held: HeldCompletion = { by: user.personId, variables };
    if (choices.copyTo?.length) held.copyTo = choices.copyTo;
    if (choices.formPayload) held.formPayload = choices.formPayload;
    task.assignee = added.personId;
    task.addedStep = 'after_acting';
    await ctx.em.update(
      WorkflowTask,
      { id: task.id },
      { assignee: task.assignee, addedStep: task.addedStep },
    );
    await ctx.em.query(`UPDATE wf_task_added_approver SET held = $2::jsonb WHERE id = $1`, [
      added.id,
      JSON.stringify(held),
    ]);
    this.log(ctx, 'task.decided-before-added', task, {
      to: added.personId,
      variables: Object.keys(variables),
    });
    return task;
  }

  async comment(user: AuthUser, taskId: string, body: string): Promise<WorkflowTaskComment> {
    const task = await this.visibleTask(user, taskId);
    return this.scope.run(null, user.personId, async (ctx) => {
      const comment = ctx.em.create(WorkflowTaskComment, {
        id: newRowId(),
        taskId: task.id,
        authorId: user.personId,
        body,
        createdAt: ctx.now,
      });
      await ctx.em.insert(WorkflowTaskComment, comment);
      this.log(ctx, 'task.commented', task);
      return comment;
    });
  }

  /** The task if the user may see it: 404 when there is none, 403 when it is not theirs to see. */
  async visibleTask(user: AuthUser, taskId: string, em?: EntityManager): Promise<WorkflowTask> {
    return (await this.visibleTaskWithActions(user, taskId, em)).task;
  }

  /** `visibleTask`, with the commands the user may run on it now. */
  async visibleTaskWithActions(
    user: AuthUser,
    taskId: string,
    em?: EntityManager,
  ): Promise<{ task: WorkflowTask; actions: TaskActions }> {
    const task = await this.tx.reader(em).findOneBy(WorkflowTask, { id: taskId });
    if (!task) throw new NotFound(`Task ${taskId} does not exist.`);
    const rights = await this.policy.rightsOn(user, task);
    if (!rights.viewer) throw forbidden('see');
    return { task, actions: taskActions(user, task, rights) };
  }

  /**
   * Locks the task's instance, reads the task and runs `work` if the user may see it and it is open.
   * Locking the instance (not just the task) orders this command with every other step
   * of the same instance: a timer or a parallel completion cannot interleave.
   */
  async onOpenTask(
    user: AuthUser,
    taskId: string,
    em: EntityManager | null,
    work: (
      ctx: CommandContext,
      task: WorkflowTask,
      rights: TaskRights,
      instance: WorkflowInstance,
    ) => Promise<WorkflowTask>,
    verb?: string,
  ): Promise<TaskOutcome> {
    return this.scope.run(em, user.personId, async (ctx) => {
      const { instance, task, unitName } = await this.runner.lockOfTask(ctx, taskId);
      const rights = await this.policy.rightsOn(user, task);
      if (!rights.viewer) throw forbidden('see');
      if (task.status !== 'open') {
        const closed = task.status === 'completed' ? '办结' : '取消';
        throw new Conflict(
          verb
            ? bilingual(`任务已${closed}，不能${verb}`, `the task is already ${task.status}`)
            : `Task ${taskId} is already ${task.status} (任务已${closed}).`,
        );
      }
      const after = await work(ctx, task, rights, instance);
      return {
        task: after,
        actions: taskActions(user, after, rights),
        ...(after.orgUnitId === task.orgUnitId ? { unitName } : {}),
      };
    });
  }

  /**
   * 400 unless the task may go to the person: one of its candidates (a candidate user, or a holder
   * of a candidate group) or a person of the task's org unit (its subtree).
   */
  private async assertMayReceive(
    em: EntityManager,
    task: WorkflowTask,
    personId: string,
  ): Promise<void> {
    const [person] = await em.query<{ path: string }[]>(
      `SELECT u.path FROM person p JOIN org_unit u ON u.id = p.org_unit_id WHERE p.id = $1`,
      [personId],
    );
    if (!person) throw assigneeError(`person ${personId} does not exist (人员不存在)`);
    if (task.candidateUsers.includes(personId)) return;
    if (task.orgUnitId && person.path.includes(`/${task.orgUnitId}/`)) return;
    for (const group of task.candidateGroups) {
      if ((await this.access.holdersOf(group)).includes(personId)) return;
    }
    throw assigneeError(
      `the task may not go to person ${personId}: only to its candidates or the people of its unit (只能转办给该任务的候选人或本单位人员)`,
    );
  }

  private log(
    ctx: CommandContext,
    action: string,
    task: WorkflowTask,
    detail: Record<string, unknown> = {},
  ): void {
    auditTask(ctx, action, task, detail);
  }

  /** `assertMayReceive`, for the other commands that hand a task to a person. */
  async assertMayGoTo(em: EntityManager, task: WorkflowTask, personId: string): Promise<void> {
    if (!isUuid(personId)) throw assigneeError('must be a person id (须为人员编号)');
    await this.assertMayReceive(em, task, personId);
  }
}

/** 409 while an added approver (前加签, or 后加签 acting on the decision) holds the task. */
export function refuseWhileAdded(task: WorkflowTask): void {
  if (task.addedStep === 'before' || task.addedStep === 'after_acting') {
    throw new Conflict(
      bilingual(
        '该任务正由加签人办理，须由加签人提交加签意见',
        'an added approver holds the task: they give their opinion on it',
      ),
    );
  }
}

/** 409 with `message` while a 委派 of the task is pending. */
function refuseWhileEntrusted(task: WorkflowTask, message: string): void {
  if (task.delegation === 'pending') throw new Conflict(message);
}

/** An audit row (and instance history entry) of a command on `task`. */
export function auditTask(
  ctx: CommandContext,
  action: string,
  task: WorkflowTask,
  detail: Record<string, unknown> = {},
): void {
  ctx.journal.recordAudit(ctx.now, {
    actor: ctx.actor,
    action,
    instanceId: task.instanceId,
    taskId: task.id,
    detail,
  });
}

export function forbidden(action: string): Forbidden {
  return new Forbidden(`You may not ${action} this task (您无权办理该任务).`);
}

/** 400 naming the `assignee` field of a delegation. */
function assigneeError(message: string): InvalidInput {
  return new InvalidInput(`assignee: ${message}`, {
    type: 'urn:orglife:problem:validation',
    errors: [{ field: 'assignee', message }],
  });
}
