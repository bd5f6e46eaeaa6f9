import { Injectable } from '@nestjs/common';
import { Forbidden, Conflict } from '../../common/errors.js';
import type { RoleName } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import { newRowId } from '../../database/row-id.js';
import { Transactions } from '../../database/transactions.js';
import { PersonNames } from '../moves/person-names.js';
import type { CommandContext } from '../instances/command-context.js';
import {
  type AddedPosition,
  WorkflowTaskAddedApprover,
} from '../tasks/task-added-approver.entity.js';
import { WorkflowTaskComment } from '../tasks/task-comment.entity.js';
import { auditTask, TaskCommandService, type TaskOutcome } from '../tasks/task-command.service.js';
import { TaskCompletionHooks } from '../tasks/task-completion.hooks.js';
import { WorkflowTask } from '../tasks/task.entity.js';

/** One added approver of a task, as the task page lists them. */
export interface AddedApproverRow {
  row: WorkflowTaskAddedApprover;
  name: string | null;
  addedByName: string | null;
}

/**
 * 前加签 and 后加签 on a single-assignee user task: runtime sub-steps of the task, so the model
 * stays standard BPMN and the engine sees one task completed once.
 *
 * - 前加签 (`before`): the added person holds the task first and gives an opinion; the task then
 *   returns to the approver, who decides.
 * - 后加签 (`after`): the approver decides; the decision is held while the added person acts on
 *   it. Agreeing lets the held decision go through (as the approver's, with their form); not
 *   agreeing hands the task back to the approver with the opinion, to decide again.
 */
@Injectable()
export class TaskSequentialService {
  constructor(
    private readonly commands: TaskCommandService,
    private readonly hooks: TaskCompletionHooks,
    private readonly tx: Transactions,
    private readonly names: PersonNames,
  ) {}

  async add(
    user: AuthUser,
    taskId: string,
    personId: string,
    position: AddedPosition,
    reason: string | undefined,
  ): Promise<TaskOutcome> {
    return this.commands.onOpenTask(
      user,
      taskId,
      null,
      async (ctx, task) => {
        if (task.miBodyId) {
          throw new Conflict(
            bilingual(
              '会签、或签、票签步骤请在投票轮次中并行加签',
              'on a vote step, add an approver to the round (parallel)',
            ),
          );
        }
        if (task.assignee !== user.personId) {
          throw new Forbidden(
            bilingual(
              '只有任务的当前办理人可以前加签或后加签（请先签收）',
              'only the task’s current holder may add an approver before or after themselves',
            ),
          );
        }
        if (task.delegation === 'pending') {
          throw new Conflict(
            bilingual(
              '该任务正在委派中，不能加签',
              'the task is delegated: no approver can be added',
            ),
          );
        }
        if (task.addedStep) {
          throw new Conflict(
            bilingual(
              '该任务已有加签人待办理，办理完毕后才能再加签',
              'an added approver is still pending on the task',
            ),
          );
        }
        if (personId === user.personId) {
          throw new Conflict(bilingual('不能给自己加签', 'you cannot add yourself as an approver'));
        }
        if (await ctx.em.existsBy(WorkflowTaskAddedApprover, { taskId: task.id, personId })) {
          throw new Conflict(
            bilingual(
              '该人员已在本任务加签过，不能重复加签',
              'the person was already added to this task',
            ),
          );
        }
        await this.commands.assertMayGoTo(ctx.em, task, personId);
        await ctx.em.insert(WorkflowTaskAddedApprover, {
          id: newRowId(),
          taskId: task.id,
          instanceId: task.instanceId,
          personId,
          position,
          addedBy: user.personId,
          reason: reason ?? null,
          status: 'pending',
          opinion: null,
          comment: null,
          held: null,
          createdAt: ctx.now,
          actedAt: null,
        });
        task.addedStep = position;
        if (position === 'before') task.assignee = personId;
        await ctx.em.update(
          WorkflowTask,
          { id: task.id },
          { addedStep: task.addedStep, assignee: task.assignee },
        );
        auditTask(ctx, 'task.approver-added', task, {
          to: personId,
          position,
          reason: reason ?? null,
        });
        return task;
      },
      '加签',
    );
  }

  /** The added person's opinion; the task returns to the approver, or (后加签, agreed) moves on. */
  async act(
    user: AuthUser,
    taskId: string,
    approved: boolean,
    comment: string | undefined,
  ): Promise<TaskOutcome> {
    const outcome = await this.commands.onOpenTask(
      user,
      taskId,
      null,
      async (ctx, task) => {
        if (
          (task.addedStep !== 'before' && task.addedStep !== 'after_acting') ||
          task.assignee !== user.personId
        ) {
          throw new Forbidden(
            bilingual(
              '您不是该任务待办理的加签人',
              'you are not the pending added approver of this task',
            ),
          );
        }
        const added = await ctx.em.findOneByOrFail(WorkflowTaskAddedApprover, {
          taskId: task.id,
          personId: user.personId,
          status: 'pending',
        });
        await ctx.em.update(
          WorkflowTaskAddedApprover,
          { id: added.id },
          {
            status: 'done',
            opinion: approved ? 'approved' : 'rejected',
            comment: comment ?? null,
            actedAt: ctx.now,
          },
        );
        if (comment) {
          await ctx.em.insert(WorkflowTaskComment, {
            id: newRowId(),
            taskId: task.id,
            authorId: user.personId,
            body: comment,
            createdAt: ctx.now,
          });
        }
        const approverId = added.held?.by ?? added.addedBy;
        auditTask(ctx, approved ? 'task.added-approved' : 'task.added-rejected', task, {
          to: approverId,
          position: added.position,
          reason: comment ?? null,
        });
        task.assignee = approverId;
        task.addedStep = null;
        await ctx.em.update(
          WorkflowTask,
          { id: task.id },
          { assignee: approverId, addedStep: null },
        );
        if (added.position === 'after' && approved && added.held) {
          await ctx.journal.flush(ctx.em); // the opinion before the completion, in the trail
          return this.release(ctx, task, added.held);
        }
        return task;
      },
      '提交加签意见',
    );
    return outcome;
  }

  /** 后加签 agreed: the approver's held decision goes through, as theirs. */
  private async release(
    ctx: CommandContext,
    task: WorkflowTask,
    held: NonNullable<WorkflowTaskAddedApprover['held']>,
  ): Promise<WorkflowTask> {
    const approver = await this.userOf(ctx, held.by);
    const payload = held.formPayload;
    const replay = this.hooks.formReplayer;
    const within =
      payload && replay
        ? (em: Parameters<typeof replay>[0], locked: WorkflowTask) =>
            replay(em, approver, locked, payload)
        : undefined;
    const { task: done } = await this.commands.complete(
      approver,
      task.id,
      held.variables,
      within,
      ctx.em,
      held.copyTo ? { copyTo: held.copyTo } : {},
    );
    return done;
  }

  private async userOf(ctx: CommandContext, personId: string): Promise<AuthUser> {
    const [account] = await ctx.em.query<{ username: string }[]>(
      `SELECT username FROM account WHERE person_id = $1`,
      [personId],
    );
    const roles = await ctx.em.query<{ role: RoleName; orgUnitId: string }[]>(
      `SELECT role, org_unit_id AS "orgUnitId" FROM role_assignment WHERE person_id = $1`,
      [personId],
    );
    return { personId, username: account?.username ?? personId, roles };
  }

  /** The task's added approvers (前加签 / 后加签), oldest first, for whoever may see the task. */
  async list(user: AuthUser, taskId: string): Promise<AddedApproverRow[]> {
    const task = await this.commands.visibleTask(user, taskId);
    const rows = await this.tx
      .reader()
      .find(WorkflowTaskAddedApprover, { where: { taskId: task.id }, order: { createdAt: 'ASC' } });
    const names = await this.names.of(rows.flatMap((r) => [r.personId, r.addedBy]));
    return rows.map((row) => ({
      row,
      name: names.get(row.personId) ?? null,
      addedByName: names.get(row.addedBy) ?? null,
    }));
  }
}
