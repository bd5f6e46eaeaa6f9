import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InvalidInput, NotFound } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import { isRoleName } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import { newRowId } from '../../database/row-id.js';
import { Transactions } from '../../database/transactions.js';
import type { CommandContext } from '../instances/command-context.js';
import { isUuid } from '../instances/org-unit-of.js';
import { auditTask } from '../tasks/task-command.service.js';
import { TaskCompletionHooks } from '../tasks/task-completion.hooks.js';
import { WorkflowTaskCopy } from '../tasks/task-copy.entity.js';
import type { WorkflowTask } from '../tasks/task.entity.js';

/** The task header naming roles a completed step is copied to (comma-separated role names). */
export const CC_HEADER = 'orglife.cc';

/** A copy with what its reader sees in the 抄送我的 list. */
export interface CopyRow {
  copy: WorkflowTaskCopy;
  taskName: string | null;
  copiedByName: string | null;
}

/**
 * 抄送: when a step is completed, a read-only copy goes to the holders of the roles its model
 * names (`orglife.cc` header, roles over the task's unit) and to the people the approver chose;
 * recipients list their copies (抄送我的) and mark them read.
 */
@Injectable()
export class TaskCopyService implements OnModuleInit {
  constructor(
    private readonly hooks: TaskCompletionHooks,
    private readonly access: AccessService,
    private readonly tx: Transactions,
  ) {}

  onModuleInit(): void {
    this.hooks.onCompleting(async (ctx, _user, task, _variables, choices) => {
      const chosen = [...new Set(choices.copyTo ?? [])];
      await this.refuseUnknown(ctx, chosen);
      const fromModel = await this.roleHolders(task);
      await this.copy(ctx, task, fromModel, 'model');
      await this.copy(ctx, task, chosen, 'approver');
    });
    // a step the approver rules skipped still goes to the people its model copies it to
    this.hooks.onSkipped(async (ctx, task) => {
      await this.copy(ctx, task, await this.roleHolders(task), 'model', true);
    });
  }

  /** The caller's copies, newest first (at most 200), with the number unread. */
  async mine(user: AuthUser, unreadOnly: boolean): Promise<{ rows: CopyRow[]; unread: number }> {
    const reader = this.tx.reader();
    const rows = await reader.query<
      (WorkflowTaskCopy & { taskName: string | null; copiedByName: string | null })[]
    >(
      `SELECT c.id, c.task_id AS "taskId", c.instance_id AS "instanceId", c.person_id AS "personId",
              c.copied_by AS "copiedBy", c.source, c.created_at AS "createdAt",
              c.read_at AS "readAt", t.name AS "taskName", p.name AS "copiedByName"
         FROM wf_task_copy c JOIN wf_task t ON t.id = c.task_id
         LEFT JOIN person p ON p.id::text = c.copied_by
        WHERE c.person_id = $1 ${unreadOnly ? 'AND c.read_at IS NULL' : ''}
        ORDER BY c.created_at DESC, c.id LIMIT 200`,
      [user.personId],
    );
    const [count] = await reader.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM wf_task_copy WHERE person_id = $1 AND read_at IS NULL`,
      [user.personId],
    );
    return {
      rows: rows.map(({ taskName, copiedByName, ...copy }) => ({
        copy: { ...copy, createdAt: new Date(copy.createdAt), readAt: toDate(copy.readAt) },
        taskName,
        copiedByName,
      })),
      unread: Number(count?.n ?? 0),
    };
  }

  /** Marks the caller's copy read (once; reading again keeps the first time). */
  async markRead(user: AuthUser, id: string): Promise<WorkflowTaskCopy> {
    const reader = this.tx.reader();
    const copy = isUuid(id)
      ? await reader.findOneBy(WorkflowTaskCopy, { id, personId: user.personId })
      : null;
    if (!copy) throw new NotFound(bilingual('没有该抄送', 'no such copy of yours'));
    if (!copy.readAt) {
      copy.readAt = new Date();
      await reader.update(WorkflowTaskCopy, { id }, { readAt: copy.readAt });
    }
    return copy;
  }

  private async copy(
    ctx: CommandContext,
    task: WorkflowTask,
    people: string[],
    source: WorkflowTaskCopy['source'],
    skipped = false,
  ): Promise<void> {
    // a skipped step is copied in its approver's name (the task's assignee), by the system
    const by = skipped ? (task.assignee ?? 'system') : ctx.actor;
    for (const personId of people.filter((p) => p !== by)) {
      await ctx.em
        .createQueryBuilder()
        .insert()
        .into(WorkflowTaskCopy)
        .values({
          id: newRowId(),
          taskId: task.id,
          instanceId: task.instanceId,
          personId,
          copiedBy: by,
          source,
          createdAt: ctx.now,
          readAt: null,
        })
        .orIgnore()
        .execute();
      if (!skipped) {
        auditTask(ctx, 'task.copied', task, { to: personId, source });
        continue;
      }
      ctx.journal.recordAudit(ctx.now, {
        actor: 'system',
        action: 'task.copied',
        instanceId: task.instanceId,
        taskId: task.id,
        detail: { to: personId, source, skipped: true, reason: '该步骤按规则跳过，仍按模型抄送' },
      });
    }
  }

  /** Holders of the roles the step's model copies it to, over the task's unit. */
  private async roleHolders(task: WorkflowTask): Promise<string[]> {
    const roles = (task.headers[CC_HEADER] ?? '').split(',').map((r) => r.trim());
    if (!task.orgUnitId) return [];
    const people = new Set<string>();
    for (const role of roles.filter(isRoleName)) {
      for (const p of await this.access.holdersOf(`${role}@${task.orgUnitId}`)) people.add(p);
    }
    return [...people];
  }

  /** 400 naming `copyTo` when a chosen person does not exist. */
  private async refuseUnknown(ctx: CommandContext, people: string[]): Promise<void> {
    if (people.length === 0) return;
    const ids = people.filter(isUuid);
    const found = ids.length
      ? await ctx.em.query<{ id: string }[]>(`SELECT id::text FROM person WHERE id = ANY($1)`, [
          ids,
        ])
      : [];
    const missing = people.filter((p) => !found.some((f) => f.id === p));
    if (missing.length === 0) return;
    const message = bilingual(
      `copyTo：抄送对象不存在：${missing.join('、')}`,
      `copyTo: no such person: ${missing.join(', ')}`,
    );
    throw new InvalidInput(message, {
      type: 'urn:orglife:problem:validation',
      errors: [{ field: 'copyTo', message }],
    });
  }
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}
