import { ConflictException, ForbiddenException, HttpStatus, Injectable } from '@nestjs/common';
import {
  type CompiledDefinition,
  type EngineState,
  type FlowNode,
  type MoveBackProblem,
  planMoveBack,
  type StepResult,
} from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import { ProblemException } from '../../common/problem.js';
import { DefinitionCache } from '../definitions/definition.cache.js';
import type { CommandContext } from '../instances/command-context.js';
import { CommandScope } from '../instances/command.scope.js';
import { InstanceCommandRunner } from '../instances/instance-command.runner.js';
import { StandInLookup } from '../stand-ins/stand-in.lookup.js';
import type { WorkflowInstance } from '../instances/instance.entity.js';
import { TaskAccessPolicy, taskActions } from '../tasks/task-access.policy.js';
import { TaskCandidateIndex } from '../tasks/task-candidate.index.js';
import {
  auditTask,
  forbidden,
  TaskCommandService,
  type TaskOutcome,
} from '../tasks/task-command.service.js';
import { WorkflowTask } from '../tasks/task.entity.js';
import { latestDone, scopeStart, withDescendants, withdrawWindow } from './move-history.js';
import { voteKindOf } from '../approvals/vote-rule.js';

/** A user task the work may be sent back to (退回), with who did it last. */
export interface ReturnTarget {
  elementId: string;
  name: string | null;
  completedBy: string;
  completedAt: Date;
}

/** Audit actions that do not count as acting on the next step (they move no work). */
const PASSIVE_ACTIONS = ['task.urged'];

/**
 * 撤回 and 退回: both cancel the tokens that went on and start a user task again with the engine's
 * `modify` command, in the command's one transaction, and recreate that task for a person.
 */
@Injectable()
export class TaskMovingService {
  constructor(
    private readonly scope: CommandScope,
    private readonly runner: InstanceCommandRunner,
    private readonly policy: TaskAccessPolicy,
    private readonly commands: TaskCommandService,
    private readonly definitions: DefinitionCache,
    private readonly candidates: TaskCandidateIndex,
    private readonly standIns: StandInLookup,
  ) {}

  /**
   * 撤回: the person who completed the task takes it back while nothing has happened since: the
   * instance has not moved and nobody touched the tasks the completion made. A vote is taken back
   * while its round is undecided (see `withdrawVote`).
   */
  async withdraw(user: AuthUser, taskId: string, reason: string | undefined): Promise<TaskOutcome> {
    return this.scope.run(null, user.personId, async (ctx) => {
      const { instance, task } = await this.runner.lockOfTask(ctx, taskId);
      const rights = await this.policy.rightsOn(user, task);
      if (!rights.viewer) throw forbidden('see');
      if (task.status !== 'completed') {
        throw refusal('只有已办结的任务可以撤回', 'only a completed task can be taken back');
      }
      if (task.completedBy !== user.personId) {
        throw new ForbiddenException(
          bilingual(
            '只有办理该任务的人可以撤回',
            'only the person who completed the task may take it back',
          ),
        );
      }
      if (instance.status !== 'active') {
        throw refusal('流程已结束，不能撤回', 'the process has ended: nothing can be taken back');
      }
      const def = await this.definitions.get(ctx.em, instance.definitionId);
      const node = def.processes.get(instance.processId)?.nodes.get(task.elementId);
      if (node?.multiInstance && voteKindOf(task)) {
        await this.withdrawVote(ctx, instance, task, node, user.personId, reason);
        return { task, actions: taskActions(user, task, rights) };
      }
      if (node?.multiInstance) {
        throw refusal('会签（多实例）任务不能撤回', 'a multi-instance task cannot be taken back');
      }
      const window = await withdrawWindow(ctx.em, instance.id, task.id, PASSIVE_ACTIONS);
      if (window.completedVersion === null) {
        throw refusal(
          '无法确认下一步未办理，不能撤回',
          'it cannot be told whether the next step was acted on',
        );
      }
      if (
        window.completedVersion !== instance.version ||
        window.actedSince ||
        window.touchedOlder
      ) {
        throw refusal(
          '下一步已办理，不能撤回',
          'the next step has been acted on: the task can no longer be taken back',
        );
      }
      const state = instance.state as EngineState;
      const alive = window.created.filter((id) => state.elements[id]);
      const cancel = alive.filter((id) => !alive.includes(state.elements[id]?.parentId ?? ''));
      const parentId = scopeInstanceOf(state, node?.scopeId ?? null);
      if (parentId === undefined) {
        throw refusal(
          '该任务所在的子流程已不止一个实例，不能撤回',
          'the task’s sub-process runs more than once',
        );
      }
      const cancelledTasks = await this.openTasksAmong(ctx.em, instance.id, alive);
      const result = await this.move(ctx, instance, cancel, task.elementId, parentId);
      const recreated = await this.assignRecreated(ctx, instance.id, result, task.elementId, {
        assignee: user.personId,
        onBehalfOf: null,
      });
      auditTask(ctx, 'task.withdrawn', task, {
        reason: reason ?? null,
        elementId: task.elementId,
        name: task.name,
        to: user.personId,
        newTaskId: recreated,
        cancelled: cancelledTasks,
      });
      return { task, actions: taskActions(user, task, rights) };
    });
  }

  /**
   * 撤回 of a vote (会签 / 或签 / 票签): while its round is undecided, the voter's vote no longer
   * counts and their vote task is created again for them.
   */
  private async withdrawVote(
    ctx: CommandContext,
    instance: WorkflowInstance,
    task: WorkflowTask,
    node: FlowNode,
    personId: string,
    reason: string | undefined,
  ): Promise<void> {
    const state = instance.state as EngineState;
    if (!task.miBodyId || !state.elements[task.miBodyId]) {
      throw refusal(
        '本轮表决已有结果，不能撤回投票',
        'the round has been decided: the vote can no longer be taken back',
      );
    }
    const [taken] = await ctx.em.query<unknown[]>(
      `SELECT 1 FROM wf_audit WHERE instance_id = $1 AND task_id = $2 AND action = 'task.withdrawn'`,
      [instance.id, task.id],
    );
    if (taken) throw refusal('该投票已撤回', 'the vote has already been taken back');
    const loop = node.multiInstance;
    if (loop?.sequential) {
      throw refusal(
        '依次表决的步骤不能撤回投票',
        'a vote taken one after another cannot be taken back',
      );
    }
    const result = await this.runner.run(ctx, instance, {
      type: 'reopenInnerInstance',
      bodyId: task.miBodyId,
      loopIndex: Number(task.variables['loopCounter']) - 1,
      item: loop?.inputElement ? (task.variables[loop.inputElement] ?? null) : null,
      now: ctx.now.toISOString(),
    });
    const recreated = await this.assignRecreated(ctx, instance.id, result, task.elementId, {
      assignee: personId,
      onBehalfOf: null,
    });
    auditTask(ctx, 'task.withdrawn', task, {
      reason: reason ?? null,
      elementId: task.elementId,
      name: task.name,
      to: personId,
      newTaskId: recreated,
      vote: task.outcome,
      cancelled: [],
    });
  }

  /** The earlier user tasks the caller may send this open task back to, most recent first. */
  async returnTargets(user: AuthUser, taskId: string): Promise<ReturnTarget[]> {
    return this.scope.run(null, user.personId, async (ctx) => {
      const { instance, task, def } = await this.openForReturn(ctx, user, taskId);
      const done = await latestDone(ctx.em, instance.id);
      const targets: ReturnTarget[] = [];
      for (const row of done) {
        if (targets.some((t) => t.elementId === row.elementId)) continue;
        const plan = planMoveBack(def, instance.state, task.id, row.elementId);
        if (!plan.ok) continue;
        const since = await scopeStart(ctx.em, instance.id, plan.parentId);
        if (since && row.completedAt < since) continue;
        targets.push({
          elementId: row.elementId,
          name: row.name,
          completedBy: row.completedBy,
          completedAt: row.completedAt,
        });
      }
      return targets;
    });
  }

  /**
   * 退回: sends the work of this open task back to `targetId`, an earlier user task on the path
   * that led here; the target is created again for the person who completed it last.
   */
  async returnTo(
    user: AuthUser,
    taskId: string,
    targetId: string,
    reason: string,
  ): Promise<TaskOutcome> {
    return this.scope.run(null, user.personId, async (ctx) => {
      const { instance, task, def, rights } = await this.openForReturn(ctx, user, taskId);
      const plan = planMoveBack(def, instance.state, task.id, targetId);
      if (!plan.ok) throw targetRefusal(RETURN_REFUSALS[plan.problem]);
      const since = await scopeStart(ctx.em, instance.id, plan.parentId);
      const previous = (await latestDone(ctx.em, instance.id, targetId)).find(
        (row) => !since || row.completedAt >= since,
      );
      if (!previous) {
        throw targetRefusal([
          '该步骤在本流程中尚未办理过，不能退回到该步骤',
          'that step has not been done in this process: the work cannot go back to it',
        ]);
      }
      const state = instance.state as EngineState;
      const cancelledTasks = await this.openTasksAmong(
        ctx.em,
        instance.id,
        withDescendants(state, plan.cancel),
      );
      const result = await this.move(ctx, instance, plan.cancel, targetId, plan.parentId);
      // the person who did the step may be away: the work goes to their stand-in (代理)
      const recreated = await this.assignRecreated(
        ctx,
        instance.id,
        result,
        targetId,
        await this.standIns.assignment(ctx.em, previous.completedBy, ctx.now),
      );
      task.status = 'cancelled';
      auditTask(ctx, 'task.returned', task, {
        reason,
        fromElementId: task.elementId,
        fromName: task.name,
        elementId: targetId,
        name: previous.name,
        to: previous.completedBy,
        newTaskId: recreated,
        cancelled: cancelledTasks,
      });
      return { task, actions: taskActions(user, task, rights) };
    });
  }

  private async openForReturn(ctx: CommandContext, user: AuthUser, taskId: string) {
    const { instance, task } = await this.runner.lockOfTask(ctx, taskId);
    const rights = await this.policy.rightsOn(user, task);
    if (!rights.viewer) throw forbidden('see');
    if (task.status !== 'open') {
      throw refusal(
        '任务已办结或已取消，不能退回',
        'the task is no longer open: it cannot be returned',
      );
    }
    if (task.delegation === 'pending') {
      throw refusal(
        '该任务正在委派中，交回后才能退回',
        'the task is delegated: it must come back first',
      );
    }
    if (!taskActions(user, task, rights).complete) throw forbidden('return');
    const def: CompiledDefinition = await this.definitions.get(ctx.em, instance.definitionId);
    return { instance, task, def, rights };
  }

  private async move(
    ctx: CommandContext,
    instance: WorkflowInstance,
    cancel: string[],
    elementId: string,
    parentId: string | null,
  ): Promise<StepResult> {
    return this.runner.run(ctx, instance, {
      type: 'modify',
      cancel,
      activate: [{ elementId, parentId }],
      now: ctx.now.toISOString(),
    });
  }

  /** Gives the task the step created at `elementId` to `to.assignee` (on behalf of `to.onBehalfOf`); its id. */
  private async assignRecreated(
    ctx: CommandContext,
    instanceId: string,
    result: StepResult,
    elementId: string,
    to: { assignee: string; onBehalfOf: string | null },
  ): Promise<string | null> {
    const created = result.effects.find(
      (e) => e.type === 'taskCreated' && e.task.elementId === elementId,
    );
    if (created?.type !== 'taskCreated') return null;
    await ctx.em.update(WorkflowTask, { id: created.task.id }, to);
    await this.candidates.remove(ctx.em, [created.task.id]);
    if (to.onBehalfOf) {
      ctx.journal.recordAudit(ctx.now, {
        actor: 'system',
        action: 'task.stand-in',
        instanceId,
        taskId: created.task.id,
        detail: { for: to.onBehalfOf, standIn: to.assignee },
      });
    }
    return created.task.id;
  }

  /** The open tasks among element instances (a task's id is its element instance's), for the trail. */
  private async openTasksAmong(
    em: EntityManager,
    instanceId: string,
    ids: string[],
  ): Promise<{ id: string; elementId: string; name: string | null; assignee: string | null }[]> {
    if (ids.length === 0) return [];
    const rows = await em.query<
      { id: string; element_id: string; name: string | null; assignee: string | null }[]
    >(
      `SELECT id, element_id, name, assignee FROM wf_task
        WHERE instance_id = $1 AND status = 'open' AND id = ANY($2)`,
      [instanceId, ids],
    );
    return rows.map((r) => ({
      id: r.id,
      elementId: r.element_id,
      name: r.name,
      assignee: r.assignee,
    }));
  }
}

/** The scope instance of an element in scope `scopeId`: null for the process, undefined when ambiguous. */
function scopeInstanceOf(state: EngineState, scopeId: string | null): string | null | undefined {
  if (scopeId === null) return null;
  const scopes = Object.values(state.elements).filter((el) => el.elementId === scopeId && !el.body);
  return scopes.length === 1 ? scopes[0]?.id : undefined;
}

function refusal(zh: string, en: string): ConflictException {
  return new ConflictException(bilingual(zh, en));
}

const RETURN_REFUSALS: Record<MoveBackProblem, [string, string]> = {
  notFound: ['退回的目标步骤不存在', 'the target step does not exist'],
  notUserTask: ['只能退回到人工办理的步骤', 'the work can only go back to a user task'],
  multiInstance: [
    '不能退回到会签（多实例）步骤',
    'the work cannot go back to a multi-instance step',
  ],
  otherScope: [
    '退回的目标不在本任务所在的（子）流程中',
    'the target lies in another (sub-)process than this task',
  ],
  notUpstream: [
    '退回的目标不在本任务已走过的路径上',
    'the target is not on the path that led to this task',
  ],
  joinedBranch: [
    '退回的目标在已汇合的并行分支中，流程不可能回到那里',
    'the target lies in a parallel branch that has already joined',
  ],
};

/** 409 naming the `target` field. */
function targetRefusal([zh, en]: [string, string]): ProblemException {
  const message = bilingual(zh, en);
  return new ProblemException(HttpStatus.CONFLICT, message, {
    type: 'urn:orglife:problem:return-target',
    errors: [{ field: 'target', message }],
  });
}
