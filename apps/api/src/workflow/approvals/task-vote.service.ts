import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user.js';
import { Transactions } from '../../database/transactions.js';
import { auditTask, TaskCommandService } from '../tasks/task-command.service.js';
import { TaskCompletionHooks } from '../tasks/task-completion.hooks.js';
import { WorkflowTask } from '../tasks/task.entity.js';
import { TaskAccessPolicy } from '../tasks/task-access.policy.js';
import { type VoteKind, voteIn, voteKindOf } from './vote-rule.js';

export interface Voter {
  task: WorkflowTask;
  name: string | null;
  /** The caller may take this approver out of the round (减签). */
  mayRemove: boolean;
}

export interface VoteRound {
  kind: VoteKind;
  /** 票签: the count (voteThreshold) or share (voteShare) the step needs. */
  threshold: number | null;
  voters: Voter[];
  /** The caller may add an approver to the round (加签). */
  mayAdd: boolean;
}

/**
 * 会签 / 或签 / 票签: a vote task's completion must carry `approved`, kept as the task's outcome;
 * the round (the tasks of one multi-instance body) is read back with its votes.
 */
@Injectable()
export class TaskVoteService implements OnModuleInit {
  constructor(
    private readonly hooks: TaskCompletionHooks,
    private readonly commands: TaskCommandService,
    private readonly policy: TaskAccessPolicy,
    private readonly tx: Transactions,
  ) {}

  onModuleInit(): void {
    this.hooks.onCompleting(async (ctx, _user, task, variables) => {
      if (!voteKindOf(task)) return;
      task.outcome = voteIn(variables);
      await ctx.em.update(WorkflowTask, { id: task.id }, { outcome: task.outcome });
      const opinion = variables['voteComment'];
      auditTask(
        ctx,
        task.outcome === 'approved' ? 'task.vote-approved' : 'task.vote-rejected',
        task,
        {
          reason: typeof opinion === 'string' && opinion ? opinion : null,
        },
      );
    });
  }

  /** The round of a vote task, or null when the task is not one. */
  async round(user: AuthUser, taskId: string): Promise<VoteRound | null> {
    const task = await this.commands.visibleTask(user, taskId);
    const kind = voteKindOf(task);
    if (!kind || !task.miBodyId) return null;
    const reader = this.tx.reader();
    // a vote its voter took back (撤回) no longer counts: their new vote task stands for it
    const withdrawn = await reader.query<{ task_id: string }[]>(
      `SELECT task_id FROM wf_audit WHERE instance_id = $1 AND action = 'task.withdrawn'`,
      [task.instanceId],
    );
    const tasks = (
      await reader.find(WorkflowTask, {
        where: { miBodyId: task.miBodyId },
        order: { createdAt: 'ASC', id: 'ASC' },
      })
    ).filter((t) => !withdrawn.some((w) => w.task_id === t.id));
    const people = tasks.flatMap((t) => (t.assignee ? [t.assignee] : []));
    const names = new Map(
      (
        await reader.query<{ id: string; name: string }[]>(
          `SELECT id::text, name FROM person WHERE id::text = ANY($1)`,
          [people],
        )
      ).map((r) => [r.id, r.name]),
    );
    const addedBy = await this.addedBy(task.instanceId);
    const rights = await this.policy.rightsOn(user, task);
    const open = tasks.filter((t) => t.status === 'open');
    const inRound = tasks.some((t) => t.assignee === user.personId);
    return {
      kind,
      threshold: thresholdOf(kind, task),
      mayAdd: open.length > 0 && (rights.manager || inRound),
      voters: tasks.map((t) => ({
        task: t,
        name: t.assignee ? (names.get(t.assignee) ?? null) : null,
        mayRemove:
          t.status === 'open' &&
          open.length > 1 &&
          (rights.manager || addedBy.get(t.id) === user.personId),
      })),
    };
  }

  /** Task id of each approver added by 加签 in the instance → the person who added them. */
  async addedBy(instanceId: string, em?: Parameters<Transactions['reader']>[0]) {
    const rows = await this.tx.reader(em).query<{ taskId: string; actor: string }[]>(
      `SELECT detail->>'addedTaskId' AS "taskId", actor FROM wf_audit
        WHERE instance_id = $1 AND action = 'task.approver-added'`,
      [instanceId],
    );
    return new Map(rows.map((r) => [r.taskId, r.actor]));
  }
}

function thresholdOf(kind: VoteKind, task: WorkflowTask): number | null {
  const name = kind === 'count' ? 'voteThreshold' : kind === 'share' ? 'voteShare' : null;
  const value = name ? task.variables[name] : null;
  return typeof value === 'number' ? value : null;
}
