/**
 * What one instance's step asks of other instances, read off its effects: start a called
 * process, hand a child's outcome to its parent's call activity, cancel a call's children,
 * route a thrown message or signal. Both runtimes (in memory and in the API's database) queue
 * these and carry them out through the same kernel, after the step, in the same order. A
 * runtime's clock adds one more: a timer start event that fell due.
 */
import type { CallActivityInfo, Command, Effect, Variables } from '../contract.js';
import type { StartTimer } from './timer-starts.js';

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A command as a runtime hands it to an instance: the runtime's clock supplies `now`. */
export type InstanceCommand = DistributiveOmit<Command, 'now'>;

/** The call activity (in its instance) a child instance was started by. */
export interface CallSite {
  instanceId: string;
  elementInstanceId: string;
}

/** A child's outcome, for its parent's call activity. */
export type CallOutcome = DistributiveOmit<
  Extract<Command, { type: 'completeCallActivity' | 'failCallActivity' | 'escalateCallActivity' }>,
  'now' | 'elementInstanceId'
>;

export interface PublishedMessage {
  name: string;
  correlationKey?: string;
  variables: Variables;
}

export interface BroadcastSignal {
  name: string;
  variables: Variables;
}

export interface FiredTimer {
  timerId: string;
  variables: Variables;
}

export type FollowUp =
  | { kind: 'startChild'; site: CallSite; call: CallActivityInfo }
  | { kind: 'cancelChildren'; site: CallSite }
  | { kind: 'toCallActivity'; site: CallSite; outcome: CallOutcome }
  | { kind: 'message'; message: PublishedMessage }
  | { kind: 'signal'; signal: BroadcastSignal }
  | { kind: 'startTimer'; timer: StartTimer };

/** The instance whose step produced the effects: its id, and its call site when it is a child. */
export interface Producer {
  id: string;
  parent?: CallSite | undefined;
}

/** The follow-up one effect asks for, if it reaches beyond its own instance. */
export function followUpOf(producer: Producer, effect: Effect): FollowUp | undefined {
  switch (effect.type) {
    case 'callActivityStarted':
      return {
        kind: 'startChild',
        site: { instanceId: producer.id, elementInstanceId: effect.call.elementInstanceId },
        call: effect.call,
      };
    case 'callActivityCancelled':
      return {
        kind: 'cancelChildren',
        site: { instanceId: producer.id, elementInstanceId: effect.elementInstanceId },
      };
    case 'messageThrown':
      return {
        kind: 'message',
        message: {
          name: effect.name,
          variables: effect.variables,
          ...(effect.correlationKey !== undefined ? { correlationKey: effect.correlationKey } : {}),
        },
      };
    case 'signalThrown':
      return { kind: 'signal', signal: { name: effect.name, variables: effect.variables } };
    case 'errorEscalated':
      return toParent(producer, { type: 'failCallActivity', errorCode: effect.errorCode });
    case 'escalationUncaught':
      return toParent(producer, {
        type: 'escalateCallActivity',
        escalationCode: effect.escalationCode,
      });
    case 'instanceEnded':
      return effect.status === 'completed'
        ? toParent(producer, { type: 'completeCallActivity', variables: effect.variables })
        : undefined;
    case 'history':
    case 'taskCreated':
    case 'taskCancelled':
    case 'timerScheduled':
    case 'timerCancelled':
    case 'jobCreated':
    case 'jobCancelled':
    case 'messageSubscribed':
    case 'messageUnsubscribed':
    case 'signalSubscribed':
    case 'signalUnsubscribed':
    case 'incidentRaised':
    case 'incidentResolved':
      return undefined;
  }
}

function toParent(producer: Producer, outcome: CallOutcome): FollowUp | undefined {
  return producer.parent ? { kind: 'toCallActivity', site: producer.parent, outcome } : undefined;
}
