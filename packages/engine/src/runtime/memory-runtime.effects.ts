/** Routes one instance's effects into the in-memory runtime's books (tasks, timers, subscriptions). */
import type { Effect, JobInfo, UserTaskInfo, Variables } from '../contract.js';
import type { CompiledDefinition } from '../compile/model.js';
import { followUpOf, type CallSite, type FollowUp } from '../orchestration/follow-ups.js';
import type { StartTimer } from '../orchestration/timer-starts.js';
import type { EngineState } from './state.js';

export interface RuntimeInstance {
  id: string;
  definition: CompiledDefinition;
  state: EngineState;
  parent?: CallSite;
  /** Completed elements (multi-instance bodies left out), in completion order. */
  passed: string[];
}

export interface ScheduledTimer {
  id: string;
  dueAt: string;
  order: number;
  instanceId?: string;
  /** A timer start event of a deployed version. */
  start?: StartTimer;
}

/** A job handed out again after a failure, waiting for its retry backoff to pass. */
export interface RetryingJob {
  id: string;
  dueAt: string;
  order: number;
  instanceId: string;
  job: JobInfo;
}

export interface Subscribed {
  instanceId: string;
  name: string;
  correlationKey?: string;
  order: number;
}

export interface StartRequest {
  variables?: Variables;
  startEventId?: string;
  version?: 'latest' | number;
  versionTag?: string;
}

/** What the router reads and writes, and the runtime work it schedules. */
export interface RuntimeBooks {
  instances: Map<string, RuntimeInstance>;
  tasks: Map<string, { instanceId: string; task: UserTaskInfo }>;
  timers: Map<string, ScheduledTimer>;
  retrying: Map<string, RetryingJob>;
  messages: Map<string, Subscribed>;
  signals: Map<string, Subscribed>;
  cancelledJobs: Set<string>;
  problems: string[];
  recordPassed: boolean;
  order(): number;
  later(work: () => void): void;
  runJob(instance: RuntimeInstance, job: JobInfo): void;
  /** Carries out a follow-up through the orchestration kernel. */
  carryOut(followUp: FollowUp): void;
}

export function routeEffect(books: RuntimeBooks, instance: RuntimeInstance, effect: Effect): void {
  const followUp = followUpOf(instance, effect);
  if (followUp) {
    books.later(() => books.carryOut(followUp));
    return;
  }
  const instanceId = instance.id;
  switch (effect.type) {
    case 'history':
      // a task whose completion waited for its listeners is done once its element completes
      if (effect.event.kind === 'completed' && effect.event.elementType === 'userTask')
        books.tasks.delete(effect.event.elementInstanceId);
      if (
        books.recordPassed &&
        effect.event.kind === 'completed' &&
        effect.event.elementType !== 'multiInstanceBody'
      ) {
        instance.passed.push(effect.event.elementId);
      }
      return;
    case 'taskCreated':
      books.tasks.set(effect.task.id, { instanceId, task: effect.task });
      return;
    case 'taskCancelled':
      books.tasks.delete(effect.taskId);
      return;
    case 'timerScheduled':
      books.timers.set(effect.timer.id, {
        id: effect.timer.id,
        dueAt: effect.timer.dueAt,
        order: books.order(),
        instanceId,
      });
      return;
    case 'timerCancelled':
      books.timers.delete(effect.timerId);
      return;
    case 'jobCreated': {
      const job = effect.job;
      if (job.dueAt)
        books.retrying.set(job.id, {
          id: job.id,
          dueAt: job.dueAt,
          order: books.order(),
          instanceId,
          job,
        });
      else books.later(() => books.runJob(instance, job));
      return;
    }
    case 'jobCancelled':
      if (!books.retrying.delete(effect.jobId)) books.cancelledJobs.add(effect.jobId);
      return;
    case 'messageSubscribed': {
      const { id, name, correlationKey } = effect.subscription;
      books.messages.set(id, {
        instanceId,
        name,
        order: books.order(),
        ...(correlationKey !== undefined ? { correlationKey } : {}),
      });
      return;
    }
    case 'messageUnsubscribed':
      books.messages.delete(effect.subscriptionId);
      return;
    case 'signalSubscribed':
      books.signals.set(effect.subscription.id, {
        instanceId,
        name: effect.subscription.name,
        order: books.order(),
      });
      return;
    case 'signalUnsubscribed':
      books.signals.delete(effect.subscriptionId);
      return;
    // follow-ups (routed above) and incidents (kept in the instance's state)
    case 'callActivityStarted':
    case 'callActivityCancelled':
    case 'messageThrown':
    case 'signalThrown':
    case 'errorEscalated':
    case 'escalationUncaught':
    case 'instanceEnded':
    case 'incidentRaised':
    case 'incidentResolved':
      return;
  }
}
