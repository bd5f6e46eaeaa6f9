/** Routes one instance's effects into the in-memory runtime's books (tasks, timers, subscriptions). */
import type { Command, Effect, JobInfo, UserTaskInfo, Variables } from '../contract.js';
import type { CompiledDefinition } from '../compile/model.js';
import type { EngineState } from './state.js';

export interface RuntimeInstance {
  id: string;
  definition: CompiledDefinition;
  state: EngineState;
  parent?: { instanceId: string; elementInstanceId: string };
  /** Completed elements (multi-instance bodies left out), in completion order. */
  passed: string[];
}

export interface ScheduledTimer {
  id: string;
  dueAt: string;
  order: number;
  instanceId?: string;
  start?: { definition: CompiledDefinition; elementId: string; fired: number };
}

export interface Subscribed {
  instanceId: string;
  name: string;
  correlationKey?: string;
  order: number;
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface StartRequest {
  variables?: Variables;
  startEventId?: string;
  version?: 'latest' | number;
  versionTag?: string;
}

/** What the router reads and writes, and the runtime operations it schedules. */
export interface RuntimeBooks {
  instances: Map<string, RuntimeInstance>;
  tasks: Map<string, { instanceId: string; task: UserTaskInfo }>;
  timers: Map<string, ScheduledTimer>;
  messages: Map<string, Subscribed>;
  signals: Map<string, Subscribed>;
  cancelledJobs: Set<string>;
  problems: string[];
  recordPassed: boolean;
  order(): number;
  later(work: () => void): void;
  runJob(instance: RuntimeInstance, job: JobInfo): void;
  publishMessage(name: string, correlationKey?: string | number, variables?: Variables): boolean;
  broadcastSignal(name: string, variables?: Variables): void;
  start(
    processId: string,
    request: StartRequest,
    parent?: RuntimeInstance['parent'],
  ): RuntimeInstance | undefined;
  command(instanceId: string, command: DistributiveOmit<Command, 'now'>): void;
}

type ToCallActivity = DistributiveOmit<
  Extract<Command, { type: 'completeCallActivity' | 'failCallActivity' | 'escalateCallActivity' }>,
  'now' | 'elementInstanceId'
>;

/**
 * Hands a child's outcome to its parent's call activity, later; not when the call activity is
 * gone by then (an interrupting escalation from the child ended it before the child's end).
 */
function toParent(books: RuntimeBooks, child: RuntimeInstance, command: ToCallActivity): void {
  const parent = child.parent;
  if (!parent) return;
  books.later(() => {
    if (!books.instances.get(parent.instanceId)?.state.elements[parent.elementInstanceId]) return;
    books.command(parent.instanceId, {
      ...command,
      elementInstanceId: parent.elementInstanceId,
    } as DistributiveOmit<Command, 'now'>);
  });
}

export function routeEffect(books: RuntimeBooks, instance: RuntimeInstance, effect: Effect): void {
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
      books.later(() => books.runJob(instance, job));
      return;
    }
    case 'jobCancelled':
      books.cancelledJobs.add(effect.jobId);
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
    case 'messageThrown': {
      const { name, correlationKey, variables } = effect;
      books.later(() => books.publishMessage(name, correlationKey, variables));
      return;
    }
    case 'signalThrown': {
      const { name, variables } = effect;
      books.later(() => books.broadcastSignal(name, variables));
      return;
    }
    case 'callActivityStarted': {
      const call = effect.call;
      books.later(() => {
        const child = books.start(
          call.calledProcessId,
          {
            variables: call.variables,
            version: call.version,
            ...(call.versionTag ? { versionTag: call.versionTag } : {}),
          },
          { instanceId, elementInstanceId: call.elementInstanceId },
        );
        if (!child)
          books.problems.push(
            `call activity '${call.elementId}': process '${call.calledProcessId}' is not deployed`,
          );
      });
      return;
    }
    case 'callActivityCancelled':
      for (const child of books.instances.values()) {
        if (
          child.parent?.elementInstanceId === effect.elementInstanceId &&
          child.state.status === 'active'
        ) {
          books.later(() => books.command(child.id, { type: 'cancel' }));
        }
      }
      return;
    case 'errorEscalated':
      toParent(books, instance, { type: 'failCallActivity', errorCode: effect.errorCode });
      return;
    case 'escalationUncaught':
      toParent(books, instance, {
        type: 'escalateCallActivity',
        escalationCode: effect.escalationCode,
      });
      return;
    case 'instanceEnded':
      if (effect.status === 'completed') {
        toParent(books, instance, { type: 'completeCallActivity', variables: effect.variables });
      }
      return;
    case 'incidentRaised':
    case 'incidentResolved':
      return;
  }
}
