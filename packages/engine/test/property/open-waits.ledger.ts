/**
 * What a runtime would hold open for one instance, kept only from the engine's effects:
 * user tasks, timers, message and signal subscriptions. Every cancel must name something open and
 * nothing may be opened twice — so a duplicated or lost token shows up here.
 */
import type {
  Effect,
  MessageSubscriptionInfo,
  SignalSubscriptionInfo,
  TimerInfo,
  UserTaskInfo,
} from '../../src/contract.js';

export class OpenWaits {
  readonly tasks = new Map<string, UserTaskInfo>();
  readonly timers = new Map<string, TimerInfo>();
  readonly messages = new Map<string, MessageSubscriptionInfo>();
  readonly signals = new Map<string, SignalSubscriptionInfo>();

  apply(effects: readonly Effect[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'taskCreated':
          open(this.tasks, effect.task.id, effect.task);
          break;
        case 'taskCancelled':
          close(this.tasks, effect.taskId);
          break;
        case 'timerScheduled':
          open(this.timers, effect.timer.id, effect.timer);
          break;
        case 'timerCancelled':
          close(this.timers, effect.timerId);
          break;
        case 'messageSubscribed':
          open(this.messages, effect.subscription.id, effect.subscription);
          break;
        case 'messageUnsubscribed':
          close(this.messages, effect.subscriptionId);
          break;
        case 'signalSubscribed':
          open(this.signals, effect.subscription.id, effect.subscription);
          break;
        case 'signalUnsubscribed':
          close(this.signals, effect.subscriptionId);
          break;
        case 'jobCreated':
        case 'jobCancelled':
        case 'callActivityStarted':
        case 'callActivityCancelled':
          throw new Error(`generated models have no jobs or call activities: ${effect.type}`);
        case 'history':
        case 'instanceEnded':
        case 'messageThrown':
        case 'signalThrown':
        case 'incidentRaised':
        case 'incidentResolved':
        case 'errorEscalated':
        case 'escalationUncaught':
          break;
      }
    }
  }

  /** Element ids of everything open, for assertions. */
  elementIds(): string[] {
    return [...this.tasks.values(), ...this.timers.values(), ...this.messages.values()].map(
      (w) => w.elementId,
    );
  }

  get size(): number {
    return this.tasks.size + this.timers.size + this.messages.size + this.signals.size;
  }
}

function open<T>(map: Map<string, T>, id: string, value: T): void {
  if (map.has(id)) throw new Error(`opened twice: ${id}`);
  map.set(id, value);
}

function close<T>(map: Map<string, T>, id: string): void {
  if (!map.delete(id)) throw new Error(`cancelled but not open: ${id}`);
}
