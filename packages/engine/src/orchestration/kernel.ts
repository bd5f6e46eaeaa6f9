/**
 * The orchestration kernel: how a follow-up (follow-ups.ts) is carried out across instances,
 * one set of rules for every runtime. It is written once, as a generator that asks its store
 * for what it needs; the in-memory runtime answers at once (`carryOutNow`), the API's
 * PostgreSQL store answers with promises inside the command's transaction (`carryOut`).
 */
import type { CallActivityInfo } from '../contract.js';
import type { CompiledDefinition } from '../compile/model.js';
import {
  messageRecipients,
  signalRecipients,
  type EventStart,
  type WaitingSubscription,
} from './correlation.js';
import type {
  BroadcastSignal,
  CallSite,
  FiredTimer,
  FollowUp,
  InstanceCommand,
  PublishedMessage,
} from './follow-ups.js';
import { nextFiring, type StartTimer } from './timer-starts.js';

/**
 * What the kernel asks of a runtime's store. Running a command or starting an instance also
 * queues that step's own follow-ups in the store; the store's driver carries them out later,
 * one after another, never inside the follow-up that caused them.
 */
export interface OrchestrationStore {
  /** Runs the command when the instance is still active; false when it has ended. */
  command(instanceId: string, command: InstanceCommand): boolean;
  /** Whether the call activity is still active (a child's outcome is dropped when it is not). */
  callSiteOpen(site: CallSite): boolean;
  /** Starts the called process's requested version; false when it is not deployed. */
  startChild(call: CallActivityInfo, site: CallSite): boolean;
  /** The active instances a call activity started. */
  activeChildren(site: CallSite): string[];
  /** Waiting message subscriptions of that name that accept the key (`acceptsMessage`), oldest first. */
  waitingMessages(name: string, correlationKey: string | undefined): WaitingSubscription[];
  /** Waiting signal subscriptions of that name, by instance, oldest first within one. */
  waitingSignals(name: string): WaitingSubscription[];
  /** Message or signal start events of that name on each process's latest version. */
  eventStarts(kind: 'message' | 'signal', name: string): EventStart[];
  /**
   * Delivers the message or signal to a waiting subscription; false when the subscription is
   * gone by the time its instance is locked (another step took it) or the instance ended.
   */
  deliver(subscription: WaitingSubscription, command: InstanceCommand): boolean;
  /** Starts an instance at a message, signal or timer start event; answers its id. */
  startAt(start: EventStart, event: PublishedMessage | BroadcastSignal | FiredTimer): string;
  /** The deployed version a start event belongs to; undefined when it is gone. */
  definitionOf(start: EventStart): CompiledDefinition | undefined;
  /** The time zone cron cycles run in. */
  timeZone(): string | undefined;
  /** Keeps a timer start event for its next firing (`next`), or drops it (null). */
  rescheduleStartTimer(timer: StartTimer, next: StartTimer | null): void;
}

export type AsyncOrchestrationStore = {
  [K in keyof OrchestrationStore]: (
    ...args: Parameters<OrchestrationStore[K]>
  ) => Promise<ReturnType<OrchestrationStore[K]>>;
};

/** The instances a message or signal reached. */
export interface Delivery {
  /** Waiting instances that received it. */
  correlatedInstanceIds: string[];
  /** Instances its start events created. */
  startedInstanceIds: string[];
}

type StoreRequest = {
  [K in keyof OrchestrationStore]: { op: K; args: Parameters<OrchestrationStore[K]> };
}[keyof OrchestrationStore];

type Kernel<T> = Generator<StoreRequest, T, unknown>;

function* ask<K extends keyof OrchestrationStore>(
  op: K,
  ...args: Parameters<OrchestrationStore[K]>
): Kernel<ReturnType<OrchestrationStore[K]>> {
  return (yield { op, args } as StoreRequest) as ReturnType<OrchestrationStore[K]>;
}

const NOTHING: Delivery = { correlatedInstanceIds: [], startedInstanceIds: [] };

function* followUp(next: FollowUp): Kernel<Delivery> {
  switch (next.kind) {
    case 'startChild':
      if (
        !(yield* ask('startChild', next.call, next.site)) &&
        (yield* ask('callSiteOpen', next.site))
      )
        yield* ask('command', next.site.instanceId, {
          type: 'calledProcessMissing',
          elementInstanceId: next.site.elementInstanceId,
          message: calledProcessMissing(next.call),
        });
      return NOTHING;
    case 'toCallActivity':
      if (yield* ask('callSiteOpen', next.site)) {
        yield* ask('command', next.site.instanceId, {
          ...next.outcome,
          elementInstanceId: next.site.elementInstanceId,
        } as InstanceCommand);
      }
      return NOTHING;
    case 'cancelChildren':
      for (const child of yield* ask('activeChildren', next.site))
        yield* ask('command', child, { type: 'cancel' });
      return NOTHING;
    case 'message':
      return yield* publish(next.message);
    case 'signal':
      return yield* broadcast(next.signal);
    case 'startTimer':
      return yield* fireStartTimer(next.timer);
  }
}

function* fireStartTimer(timer: StartTimer): Kernel<Delivery> {
  const definition = yield* ask('definitionOf', timer);
  if (!definition) {
    yield* ask('rescheduleStartTimer', timer, null);
    return NOTHING;
  }
  const started = yield* ask('startAt', timer, { timerId: timer.id, variables: {} });
  const timeZone = yield* ask('timeZone');
  yield* ask('rescheduleStartTimer', timer, nextFiring(timer, definition, timeZone));
  return { correlatedInstanceIds: [], startedInstanceIds: [started] };
}

/** Zeebe's words for a call it cannot make (its CALLED_ELEMENT_ERROR incident). */
function calledProcessMissing(call: CallActivityInfo): string {
  const pinned =
    call.versionTag !== undefined
      ? ` and version tag '${call.versionTag}'`
      : call.version === 'latest'
        ? ''
        : ` and version ${call.version}`;
  return `Expected process with BPMN process id '${call.calledProcessId}'${pinned} to be deployed, but not found.`;
}

function* publish(message: PublishedMessage): Kernel<Delivery> {
  const waiting = yield* ask('waitingMessages', message.name, message.correlationKey);
  const starts = yield* ask('eventStarts', 'message', message.name);
  const delivery: Delivery = { correlatedInstanceIds: [], startedInstanceIds: [] };
  for (const process of messageRecipients(waiting, starts)) {
    let received = false;
    for (const subscription of process.waiting) {
      received = yield* ask('deliver', subscription, {
        type: 'correlateMessage',
        subscriptionId: subscription.id,
        variables: message.variables,
      });
      if (received) {
        delivery.correlatedInstanceIds.push(subscription.instanceId);
        break;
      }
    }
    if (!received && process.start)
      delivery.startedInstanceIds.push(yield* ask('startAt', process.start, message));
  }
  return delivery;
}

function* broadcast(signal: BroadcastSignal): Kernel<Delivery> {
  const waiting = yield* ask('waitingSignals', signal.name);
  const delivery: Delivery = { correlatedInstanceIds: [], startedInstanceIds: [] };
  for (const subscriptions of signalRecipients(waiting)) {
    let received = false;
    for (const subscription of subscriptions) {
      const delivered = yield* ask('deliver', subscription, {
        type: 'broadcastSignal',
        subscriptionId: subscription.id,
        variables: signal.variables,
      });
      received ||= delivered;
    }
    if (received) delivery.correlatedInstanceIds.push(subscriptions[0]!.instanceId);
  }
  for (const start of yield* ask('eventStarts', 'signal', signal.name))
    delivery.startedInstanceIds.push(yield* ask('startAt', start, signal));
  return delivery;
}

/** Carries out one follow-up against a store that answers at once. */
export function carryOutNow(store: OrchestrationStore, next: FollowUp): Delivery {
  const kernel = followUp(next);
  for (let step = kernel.next(); ;) {
    if (step.done) return step.value;
    const { op, args } = step.value;
    step = kernel.next(Reflect.apply(store[op], store, args));
  }
}

/** Carries out one follow-up against a store that answers with promises. */
export async function carryOut(store: AsyncOrchestrationStore, next: FollowUp): Promise<Delivery> {
  const kernel = followUp(next);
  for (let step = kernel.next(); ;) {
    if (step.done) return step.value;
    const { op, args } = step.value;
    step = kernel.next(await Reflect.apply(store[op], store, args));
  }
}
