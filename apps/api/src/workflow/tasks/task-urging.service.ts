import { Injectable } from '@nestjs/common';
import { Forbidden, TooSoon } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import { newRowId } from '../../database/row-id.js';
import { Transactions } from '../../database/transactions.js';
import { Notifier } from '../../notifications/notifier.js';
import { taskLabel } from '../../notifications/task-people.js';
import { auditTask, TaskCommandService, type TaskOutcome } from './task-command.service.js';
import { WorkflowTaskNotification } from './task-notification.entity.js';
import { WorkflowTask } from './task.entity.js';

/** A task is urged at most once in this long. */
export const URGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * 催办: leadership over a task's unit urges its holder (or, unclaimed, its candidates), who get
 * an in-app notice and a notification (`urged`) in the urge's transaction; once an hour per task
 * at most.
 */
@Injectable()
export class TaskUrgingService {
  constructor(
    private readonly commands: TaskCommandService,
    private readonly access: AccessService,
    private readonly tx: Transactions,
    private readonly notifier: Notifier,
  ) {}

  async urge(user: AuthUser, taskId: string, message: string | undefined): Promise<TaskOutcome> {
    return this.commands.onOpenTask(user, taskId, null, async (ctx, task, rights) => {
      if (!rights.manager) {
        throw new Forbidden(
          bilingual(
            '只有该任务所在单位的上级（组织部或党委领导）可以催办',
            'only the Organization Department or committee leadership over the task’s unit may urge it',
          ),
        );
      }
      if (task.urgedAt && ctx.now.getTime() - task.urgedAt.getTime() < URGE_INTERVAL_MS) {
        const next = new Date(task.urgedAt.getTime() + URGE_INTERVAL_MS);
        throw new TooSoon(
          bilingual(
            `该任务一小时内已催办过，请于 ${next.toISOString()} 之后再催办`,
            `the task was urged less than an hour ago; urge it again after ${next.toISOString()}`,
          ),
          { type: 'urn:orglife:problem:urged-recently' },
        );
      }
      const recipients = await this.holders(task);
      const text = message?.trim() || bilingual('请尽快办理该任务', 'please handle this task soon');
      for (const personId of recipients) {
        await ctx.em.insert(WorkflowTaskNotification, {
          id: newRowId(),
          personId,
          taskId: task.id,
          kind: 'urged',
          actor: user.personId,
          message: text,
          createdAt: ctx.now,
          readAt: null,
        });
      }
      // and through the outbox (bell, e-mail as each chose, the unit's robot), with the urge
      const [urger] = await ctx.em.query<{ name: string }[]>(
        `SELECT name FROM person WHERE id::text = $1`,
        [user.personId],
      );
      const name = taskLabel(task);
      await this.notifier.notify(ctx.em, {
        kind: 'urged',
        personIds: recipients,
        title: `催办：${name}`,
        body: `${urger?.name ?? '上级'}催办「${name}」：${text}`,
        link: `/tasks/${task.id}`,
        orgUnitId: task.orgUnitId,
      });
      task.urgedAt = ctx.now;
      await ctx.em.update(WorkflowTask, { id: task.id }, { urgedAt: ctx.now });
      auditTask(ctx, 'task.urged', task, { to: recipients, reason: message ?? null });
      return task;
    });
  }

  /** The caller's notices, newest first (at most 50). */
  async mine(user: AuthUser): Promise<WorkflowTaskNotification[]> {
    return this.tx.reader().find(WorkflowTaskNotification, {
      where: { personId: user.personId },
      order: { createdAt: 'DESC' },
      take: 50,
    });
  }

  /** Marks one of the caller's notices read; false when there is no such notice of theirs. */
  async markRead(user: AuthUser, id: string): Promise<boolean> {
    const result = await this.tx
      .reader()
      .update(WorkflowTaskNotification, { id, personId: user.personId }, { readAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** The assignee, or when nobody holds the task, its candidate users and group holders. */
  private async holders(task: WorkflowTask): Promise<string[]> {
    if (task.assignee) return [task.assignee];
    const people = new Set(task.candidateUsers);
    for (const group of task.candidateGroups) {
      for (const personId of await this.access.holdersOf(group)) people.add(personId);
    }
    return [...people];
  }
}
