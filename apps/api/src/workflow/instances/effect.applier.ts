import { Injectable } from '@nestjs/common';
import {
  followUpOf,
  type Effect,
  type HistoryEvent,
  type JobInfo,
  type UserTaskInfo,
  type CallSite,
} from '@orglife/engine';
import { WorkflowIncident } from '../incidents/incident.entity.js';
import { WorkflowJob } from '../jobs/job.entity.js';
import { JobHandlerRegistry } from '../jobs/job-handler.registry.js';
import { upsertJobs } from '../jobs/job.writer.js';
import { TaskCandidateIndex } from '../tasks/task-candidate.index.js';
import { closeTasks } from '../tasks/task-closing.js';
import { WorkflowTask } from '../tasks/task.entity.js';
import { taskTitle } from '../tasks/task-title.js';
import type { CommandContext } from './command-context.js';
import { InstanceEndHooks } from './instance-end.hooks.js';
import { TaskCreatedHooks } from '../tasks/task-created.hooks.js';
import { TaskCompletionHooks } from '../tasks/task-completion.hooks.js';
import type { WorkflowInstance } from './instance.entity.js';
import { orgUnitOf } from './org-unit-of.js';
import { WorkflowSubscription } from './subscription.entity.js';
import { newRowId } from '../../database/row-id.js';
import { StandInLookup } from '../stand-ins/stand-in.lookup.js';
import { ApproverRules } from '../approvals/approver-rules.js';

/** Retries a timer gets when firing it fails for a technical reason. */
const TIMER_RETRIES = 3;

/**
 * Writes one engine step's effects as rows in the step's transaction. Effects that reach
 * other instances (call activities, thrown messages and signals) become follow-ups. When an
 * instance ends, its effects have already closed every task, job and subscription it had (the
 * engine's property tests hold it to that), so nothing is swept up after them.
 */
@Injectable()
export class EffectApplier {
  constructor(
    private readonly candidates: TaskCandidateIndex,
    private readonly endHooks: InstanceEndHooks,
    private readonly taskHooks: TaskCreatedHooks,
    private readonly standIns: StandInLookup,
    private readonly rules: ApproverRules,
    private readonly completionHooks: TaskCompletionHooks,
    private readonly jobHandlers: JobHandlerRegistry,
  ) {}

  async apply(ctx: CommandContext, instance: WorkflowInstance, effects: Effect[]): Promise<void> {
    const history: HistoryEvent[] = [];
    const producer = { id: instance.id, parent: callSiteOf(instance) };
    for (const effect of effects) {
      const followUp = followUpOf(producer, effect);
      if (followUp) ctx.followUps.push(followUp);
      switch (effect.type) {
        case 'history':
          history.push(effect.event);
          break;
        case 'taskCreated':
          await this.createTask(ctx, instance, effect.task);
          break;
        case 'taskCancelled':
          await closeTasks(ctx.em, { ids: [effect.taskId], status: 'cancelled', at: ctx.now });
          break;
        case 'timerScheduled':
          await this.upsertJob(ctx, instance, {
            id: effect.timer.id,
            kind: 'timer',
            elementId: effect.timer.elementId,
            jobType: null,
            dueAt: new Date(effect.timer.dueAt),
            retries: TIMER_RETRIES,
            attempts: 0,
            headers: {},
            variables: {},
          });
          break;
        case 'jobCreated':
          await this.upsertJob(ctx, instance, serviceJob(effect.job, ctx.now));
          break;
        case 'timerCancelled':
          deleteById(ctx, 'wf_job', effect.timerId);
          break;
        case 'jobCancelled':
          deleteById(ctx, 'wf_job', effect.jobId);
          break;
        case 'messageSubscribed':
          ctx.writes.insert(ctx.em, WorkflowSubscription, {
            id: effect.subscription.id,
            kind: 'message',
            name: effect.subscription.name,
            correlationKey: effect.subscription.correlationKey ?? null,
            instanceId: instance.id,
            definitionId: instance.definitionId,
            processId: instance.processId,
            elementId: effect.subscription.elementId,
            createdAt: ctx.now,
          });
          break;
        case 'signalSubscribed':
          ctx.writes.insert(ctx.em, WorkflowSubscription, {
            id: effect.subscription.id,
            kind: 'signal',
            name: effect.subscription.name,
            correlationKey: null,
            instanceId: instance.id,
            definitionId: instance.definitionId,
            processId: instance.processId,
            elementId: effect.subscription.elementId,
            createdAt: ctx.now,
          });
          break;
        case 'messageUnsubscribed':
        case 'signalUnsubscribed':
          deleteById(ctx, 'wf_subscription', effect.subscriptionId);
          break;
        case 'incidentRaised':
          ctx.writes.insert(ctx.em, WorkflowIncident, {
            id: newRowId(),
            engineIncidentId: effect.incident.id,
            instanceId: instance.id,
            jobId: null,
            processId: instance.processId,
            elementId: effect.incident.elementId,
            orgUnitId: instance.orgUnitId,
            message: effect.incident.message,
            status: 'open',
            createdAt: ctx.now,
            resolvedAt: null,
            resolvedBy: null,
          });
          break;
        case 'incidentResolved':
          await ctx.em.update(
            WorkflowIncident,
            { instanceId: instance.id, engineIncidentId: effect.incidentId, status: 'open' },
            { status: 'resolved', resolvedAt: ctx.now, resolvedBy: ctx.actor },
          );
          break;
        case 'instanceEnded':
          if (effect.status === 'terminated') {
            await this.endHooks.terminated(ctx.em, instance.id, ctx.now);
          }
          break;
        case 'messageThrown':
        case 'signalThrown':
        case 'callActivityStarted':
        case 'callActivityCancelled':
        case 'errorEscalated':
        case 'escalationUncaught':
          break;
        default: {
          const unknown: never = effect;
          throw new Error(`Unhandled engine effect ${JSON.stringify(unknown)}`);
        }
      }
    }
    ctx.journal.recordHistory(instance.id, history);
  }

  private async createTask(
    ctx: CommandContext,
    instance: WorkflowInstance,
    info: UserTaskInfo,
  ): Promise<void> {
    const orgUnitId = orgUnitOf(info.variables) ?? instance.orgUnitId;
    const fallback = await this.rules.fallback(ctx.em, info);
    if (fallback) info = { ...info, candidateGroups: [fallback.to] };
    const skip = await this.rules.skip(ctx.em, instance, info, ctx.actor);
    const named = skip ? null : (info.assignee ?? null);
    const assignment = named
      ? await this.standIns.assignment(ctx.em, named, ctx.now)
      : { assignee: null, onBehalfOf: null };
    const task = ctx.em.create(WorkflowTask, {
      id: info.id,
      instanceId: instance.id,
      definitionId: instance.definitionId,
      processId: instance.processId,
      elementId: info.elementId,
      name: await taskTitle(ctx.em, info.elementName ?? null, info.headers['title'], orgUnitId),
      orgUnitId,
      assignee: assignment.assignee,
      candidateUsers: info.candidateUsers,
      candidateGroups: info.candidateGroups,
      dueAt: info.dueDate ? new Date(info.dueDate) : null,
      followUpAt: info.followUpDate ? new Date(info.followUpDate) : null,
      formKey: info.formKey ?? null,
      priority: info.priority ?? 50,
      headers: info.headers,
      variables: info.variables,
      status: skip ? 'completed' : 'open',
      createdAt: ctx.now,
      completedAt: skip ? ctx.now : null,
      completedBy: null,
      onBehalfOf: assignment.onBehalfOf,
      miBodyId: info.multiInstanceBodyId ?? null,
      outcome: null,
    });
    if (skip) task.assignee = skip.approver;
    ctx.writes.insert(ctx.em, WorkflowTask, task);
    if (fallback) {
      ctx.journal.recordAudit(ctx.now, {
        actor: 'system',
        action: 'task.fallback',
        instanceId: instance.id,
        taskId: task.id,
        detail: {
          from: fallback.from,
          group: fallback.to,
          to: fallback.holder,
          reason: fallback.reason,
        },
      });
    }
    if (skip) {
      ctx.journal.recordAudit(ctx.now, {
        actor: 'system',
        action: 'task.skipped',
        instanceId: instance.id,
        taskId: task.id,
        detail: { rule: skip.rule, to: skip.approver, reason: skip.reason },
      });
      await this.completionHooks.skipped(ctx, task);
      ctx.followUps.push({
        kind: 'skipTask',
        instanceId: instance.id,
        taskId: task.id,
        variables: skip.variables,
      });
      return;
    }
    if (assignment.onBehalfOf) {
      ctx.journal.recordAudit(ctx.now, {
        actor: 'system',
        action: 'task.stand-in',
        instanceId: instance.id,
        taskId: task.id,
        detail: { for: assignment.onBehalfOf, standIn: assignment.assignee },
      });
    }
    if (!task.assignee) await this.candidates.add(ctx.em, task);
    await this.taskHooks.created(ctx.em, task);
  }

  private async upsertJob(
    ctx: CommandContext,
    instance: WorkflowInstance,
    job: Pick<
      WorkflowJob,
      | 'id'
      | 'kind'
      | 'elementId'
      | 'jobType'
      | 'dueAt'
      | 'retries'
      | 'attempts'
      | 'headers'
      | 'variables'
    >,
  ): Promise<void> {
    await upsertJobs(ctx.em, [
      {
        ...job,
        variables: this.jobHandlers.jobVariables(job.jobType, job.variables),
        state: 'due',
        instanceId: instance.id,
        definitionId: instance.definitionId,
        processId: instance.processId,
        fireCount: 0,
        createdAt: ctx.now,
      },
    ]);
  }
}

function callSiteOf(instance: WorkflowInstance): CallSite | undefined {
  return instance.parentInstanceId && instance.parentElementInstanceId
    ? { instanceId: instance.parentInstanceId, elementInstanceId: instance.parentElementInstanceId }
    : undefined;
}

/** Engine-owned rows the engine said are gone (a cancelled timer or job, a subscription). */
function deleteById(ctx: CommandContext, table: 'wf_job' | 'wf_subscription', id: string): void {
  ctx.writes.add({ sql: `DELETE FROM ${table} WHERE id = $1`, params: [id] });
}

/** A retried job is due after its backoff, with the attempts it has failed so far. */
function serviceJob(job: JobInfo, now: Date) {
  return {
    id: job.id,
    kind: 'service' as const,
    elementId: job.elementId,
    jobType: job.type,
    dueAt: job.dueAt ? new Date(job.dueAt) : now,
    retries: job.retries,
    attempts: job.failures ?? 0,
    headers: job.headers,
    variables: job.variables,
  };
}
