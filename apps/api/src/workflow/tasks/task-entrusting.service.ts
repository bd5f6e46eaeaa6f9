import { Injectable } from '@nestjs/common';
import { Conflict } from '../../common/errors.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import { newRowId } from '../../database/row-id.js';
import { taskActions } from './task-access.policy.js';
import { WorkflowTaskComment } from './task-comment.entity.js';
import {
  auditTask,
  forbidden,
  TaskCommandService,
  type TaskOutcome,
} from './task-command.service.js';
import { WorkflowTask } from './task.entity.js';

/**
 * 委派: the assignee has someone else act on the task; the delegate hands it back (交回) and
 * the owner finishes it. Unlike 转办 (`TaskCommandService.delegate`) the task stays the owner's.
 */
@Injectable()
export class TaskEntrustingService {
  constructor(private readonly commands: TaskCommandService) {}

  async entrust(
    user: AuthUser,
    taskId: string,
    delegateId: string,
    reason: string | undefined,
  ): Promise<TaskOutcome> {
    return this.commands.onOpenTask(user, taskId, null, async (ctx, task, rights) => {
      if (task.delegation === 'pending') {
        throw new Conflict(
          bilingual(
            '该任务已委派，等待被委派人交回',
            'the task is already delegated and not yet handed back',
          ),
        );
      }
      if (!rights.candidate && task.assignee !== user.personId) throw forbidden('delegate');
      if (!taskActions(user, task, rights).entrust) {
        throw new Conflict(
          bilingual(
            '只有任务的办理人可以委派（请先签收）',
            'only the task’s assignee may delegate it (claim it first)',
          ),
        );
      }
      if (delegateId === user.personId) {
        throw new Conflict(bilingual('不能委派给自己', 'you cannot delegate a task to yourself'));
      }
      await this.commands.assertMayGoTo(ctx.em, task, delegateId);
      task.owner = user.personId;
      task.assignee = delegateId;
      task.delegation = 'pending';
      await ctx.em.update(
        WorkflowTask,
        { id: task.id },
        { owner: task.owner, assignee: task.assignee, delegation: task.delegation },
      );
      auditTask(ctx, 'task.entrusted', task, {
        from: user.personId,
        to: delegateId,
        reason: reason ?? null,
      });
      return task;
    });
  }

  /** The delegate hands the task back to its owner, with an optional opinion (a comment). */
  async resolve(user: AuthUser, taskId: string, comment: string | undefined): Promise<TaskOutcome> {
    return this.commands.onOpenTask(user, taskId, null, async (ctx, task, rights) => {
      if (task.delegation !== 'pending') {
        throw new Conflict(bilingual('该任务不在委派中', 'the task is not delegated'));
      }
      if (!taskActions(user, task, rights).resolve) throw forbidden('hand back');
      const delegateId = task.assignee;
      task.assignee = task.owner;
      task.delegation = 'resolved';
      await ctx.em.update(
        WorkflowTask,
        { id: task.id },
        { assignee: task.assignee, delegation: task.delegation },
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
      auditTask(ctx, 'task.resolved', task, {
        from: delegateId,
        to: task.owner,
        reason: comment ?? null,
      });
      return task;
    });
  }
}
