/** Instance state: plain JSON, flat, referring to the shared definition by element id only. */
import type { InstanceStateBase, JsonValue, ListenerEvent, Variables } from '../contract.js';
import type { Cycle } from '../timers/timer-definition.js';

export interface MultiInstanceBody {
  /** Items still to start (sequential) — emptied once every inner instance exists. */
  items: JsonValue[];
  total: number;
  active: number;
  completed: number;
  next: number;
  results?: JsonValue[];
  /** Loop indexes of inner instances cancelled by `cancelInnerInstance`: not counted, no result. */
  removed?: number[];
}

/** One token at one element (activity, event, gateway) or one scope (sub-process, MI body). */
export interface ElementInstance {
  id: string;
  elementId: string;
  /** The enclosing scope instance; null for the process itself. */
  parentId: string | null;
  /** Local variables (input mappings, sub-process scope, multi-instance item). */
  variables?: Variables;
  jobId?: string;
  retries?: number;
  incidentId?: string;
  /** Joining gateways: the incoming flows a token has arrived on. */
  arrived?: string[];
  /** Present on the body of a multi-instance activity. */
  body?: MultiInstanceBody;
  /** Inner instance of a multi-instance activity: its index. */
  loopIndex?: number;
  /** A listener job runs (`jobId`): which one, and what the element goes on with afterwards. */
  listener?: ListenerRun;
  /** A compensation throw event waiting for the compensation handlers it started (its children). */
  compensating?: boolean;
}

/** A completed activity with a compensation handler, not yet compensated. */
export interface Compensable {
  elementId: string;
  /** The scopes it completed in, nearest first (element instance ids; the process is not listed). */
  scopes: string[];
}

export interface ListenerRun {
  event: ListenerEvent;
  index: number;
  /** End listeners: the flows the element leaves by. */
  flows?: string[];
  /** Completing task listeners: the variables the task was completed with. */
  variables?: Variables;
}

export interface Subscription {
  id: string;
  kind: 'timer' | 'message' | 'signal';
  /** The catching event (or receive task) this subscription triggers. */
  elementId: string;
  /** The element instance that owns it (catch event, activity with boundary, gateway, scope). */
  ownerId: string | null;
  dueAt?: string;
  cycle?: Cycle;
  name?: string;
  correlationKey?: string;
}

export interface Incident {
  id: string;
  elementId: string;
  elementInstanceId: string;
  message: string;
  /**
   * What resolving retries: the element's activation, its completion, its job, its listener's
   * job, or its behaviour alone (a call whose process was missing: mappings, listeners and
   * boundary events stay as they are).
   */
  retry: 'activate' | 'complete' | 'job' | 'listener' | 'behaviour';
  variables?: Variables;
}

export interface EngineState extends InstanceStateBase {
  counter: number;
  /** Completed activities compensation may still undo, in completion order. */
  compensable?: Compensable[];
  elements: Record<string, ElementInstance>;
  subscriptions: Record<string, Subscription>;
  incidents: Record<string, Incident>;
}
