/**
 * The engine's public contract: commands in, effects out.
 * Everything here is plain JSON-serialisable data; the compiled definition is the only
 * non-JSON value and is shared between instances, never copied into their state.
 */

/** A validation problem, in words a process designer understands. */
export interface Problem {
  /** Id of the BPMN element at fault, or null when the problem is about the whole file. */
  elementId: string | null;
  /** 1-based line for malformed XML. */
  line?: number;
  message: string;
}

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Variables = Record<string, JsonValue>;

/** ISO-8601 date-time string (UTC, with `Z`). */
export type IsoDateTime = string;

export interface StartEventInfo {
  processId: string;
  elementId: string;
  kind: 'none' | 'timer' | 'message' | 'signal';
  messageName?: string;
  signalName?: string;
}

export interface UserTaskInfo {
  id: string;
  elementId: string;
  elementName?: string;
  processId: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: IsoDateTime;
  followUpDate?: IsoDateTime;
  formKey?: string;
  priority?: number;
  headers: Record<string, string>;
  /** Variables visible to the task when it was created (its input mappings applied). */
  variables: Variables;
  /** Set on an inner instance of a multi-instance task: the element instance of its body. */
  multiInstanceBodyId?: string;
}

export interface TimerInfo {
  id: string;
  elementId: string;
  dueAt: IsoDateTime;
}

export interface JobInfo {
  id: string;
  elementId: string;
  type: string;
  retries: number;
  headers: Record<string, string>;
  variables: Variables;
  /** Set on the job of an execution listener (start, end) or a user task listener. */
  listener?: ListenerEvent;
  /** Set on a retry: the failed attempts before it (orchestration/job-retries.ts). */
  failures?: number;
  /** Set on a retry after a backoff: not to be run before then. */
  dueAt?: IsoDateTime;
}

/** When a listener runs: execution listeners (start, end) and user task listeners. */
export type ListenerEvent = 'start' | 'end' | 'creating' | 'completing';

export interface MessageSubscriptionInfo {
  id: string;
  elementId: string;
  name: string;
  correlationKey?: string;
}

export interface SignalSubscriptionInfo {
  id: string;
  elementId: string;
  name: string;
}

export interface IncidentInfo {
  id: string;
  elementId: string;
  message: string;
}

export interface CallActivityInfo {
  /** Element instance of the call activity in the parent; pass it back when the child ends. */
  elementInstanceId: string;
  elementId: string;
  calledProcessId: string;
  /** 'latest' or a pinned version number (zeebe:calledElement versionTag/bindingType). */
  version: 'latest' | number;
  /** Set when zeebe:calledElement pins a non-numeric version tag. */
  versionTag?: string;
  variables: Variables;
}

export interface HistoryEvent {
  at: IsoDateTime;
  elementId: string;
  elementType: string;
  elementInstanceId: string;
  kind: 'activated' | 'completed' | 'terminated' | 'incident' | 'incidentResolved';
}

export type Effect =
  | { type: 'taskCreated'; task: UserTaskInfo }
  | { type: 'taskCancelled'; taskId: string }
  | { type: 'timerScheduled'; timer: TimerInfo }
  | { type: 'timerCancelled'; timerId: string }
  | { type: 'jobCreated'; job: JobInfo }
  | { type: 'jobCancelled'; jobId: string }
  | { type: 'messageSubscribed'; subscription: MessageSubscriptionInfo }
  | { type: 'messageUnsubscribed'; subscriptionId: string }
  | { type: 'signalSubscribed'; subscription: SignalSubscriptionInfo }
  | { type: 'signalUnsubscribed'; subscriptionId: string }
  | { type: 'messageThrown'; name: string; correlationKey?: string; variables: Variables }
  | { type: 'signalThrown'; name: string; variables: Variables }
  | { type: 'callActivityStarted'; call: CallActivityInfo }
  | { type: 'callActivityCancelled'; elementInstanceId: string }
  | { type: 'incidentRaised'; incident: IncidentInfo }
  | { type: 'incidentResolved'; incidentId: string }
  /** An error end event nobody in this instance catches: the parent's call activity may. */
  | { type: 'errorEscalated'; errorCode: string; message?: string }
  /** An escalation nobody in this instance catches (the thrower went on): the parent's may. */
  | { type: 'escalationUncaught'; escalationCode: string }
  | {
      type: 'instanceEnded';
      status: 'completed' | 'terminated';
      variables: Variables;
    }
  | { type: 'history'; event: HistoryEvent };

/** Opaque, JSON-serialisable instance state. `version` increases on every step. */
export interface InstanceStateBase {
  id: string;
  processId: string;
  version: number;
  status: 'active' | 'completed' | 'terminated';
  variables: Variables;
}

export interface StepResult<S extends InstanceStateBase = InstanceStateBase> {
  state: S;
  effects: Effect[];
}

/** Every command carries the caller's clock. */
export interface Clocked {
  now: IsoDateTime;
}

export type Command =
  | ({ type: 'completeTask'; taskId: string; variables?: Variables } & Clocked)
  | ({ type: 'fireTimer'; timerId: string } & Clocked)
  | ({
      type: 'correlateMessage';
      subscriptionId: string;
      variables?: Variables;
    } & Clocked)
  | ({ type: 'broadcastSignal'; subscriptionId: string; variables?: Variables } & Clocked)
  | ({ type: 'completeJob'; jobId: string; variables?: Variables } & Clocked)
  /**
   * A technical failure: retries left → the job again, due `retryBackoff` ms from now, carrying
   * `failures` (the attempts failed so far); none left → an incident. `jobFailure` (the
   * orchestration kernel's retry schedule) writes this command.
   */
  | ({
      type: 'failJob';
      jobId: string;
      message: string;
      retries: number;
      retryBackoff?: number;
      failures?: number;
    } & Clocked)
  /** A BPMN business error thrown by the worker; caught by a boundary/event sub-process. */
  | ({ type: 'throwError'; jobId: string; errorCode: string; message?: string } & Clocked)
  | ({ type: 'completeCallActivity'; elementInstanceId: string; variables?: Variables } & Clocked)
  | ({ type: 'failCallActivity'; elementInstanceId: string; errorCode: string } & Clocked)
  /**
   * The process a call activity calls is not deployed (in the version or tag it asks for): an
   * incident at the call activity, as Zeebe raises one; resolving it calls again.
   */
  | ({ type: 'calledProcessMissing'; elementInstanceId: string; message: string } & Clocked)
  /** The called process threw an escalation it did not catch: the call activity's turn. */
  | ({ type: 'escalateCallActivity'; elementInstanceId: string; escalationCode: string } & Clocked)
  /** `variables` (optional) are set in the element's scope before the retry. */
  | ({ type: 'resolveIncident'; incidentId: string; variables?: Variables } & Clocked)
  /**
   * Adds one inner instance (with `item` as its input element) to a running parallel
   * multi-instance body — a Camunda-like modification, for 加签.
   */
  | ({ type: 'addInnerInstance'; bodyId: string; item: JsonValue } & Clocked)
  /** Cancels one open inner instance of a parallel multi-instance body (减签). */
  | ({ type: 'cancelInnerInstance'; elementInstanceId: string } & Clocked)
  /**
   * Runs the completed inner instance `loopIndex` of a running parallel multi-instance body
   * again, its result cleared, with `item` as its input element: a voter takes back a vote (撤回).
   */
  | ({ type: 'reopenInnerInstance'; bodyId: string; loopIndex: number; item: JsonValue } & Clocked)
  | ({ type: 'cancel' } & Clocked)
  /**
   * Instance modification (撤回, 退回): terminate the element instances `cancel` names (and what
   * is inside them), then start each element of `activate` in the scope instance `parentId`
   * (null: the process), as if a token had just arrived there.
   */
  | ({ type: 'modify'; cancel: string[]; activate: ElementActivation[] } & Clocked);

/** An element to start by a `modify` command, in an open scope instance (null: the process). */
export interface ElementActivation {
  elementId: string;
  parentId: string | null;
}

/** `warnings`: what runs but is likely a mistake (a loop with no wait state, …). */
export type CompileResult<D> =
  | { ok: true; definition: D; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

/**
 * The functions the engine exports from its index (implemented in their own modules):
 *
 *   compile(xml: string): Promise<CompileResult<CompiledDefinition>>
 *     CompiledDefinition exposes at least `processIds: string[]` (executable processes),
 *     `startEvents: StartEventInfo[]`, `userTaskElements` (id, name, formKey) for tooling.
 *   startInstance(def, { instanceId, processId?, startEventId?, variables?, now }): StepResult
 *   execute(def, state, command: Command): StepResult
 *     throws EngineCommandError (code: 'NOT_FOUND' | 'NOT_ACTIVE' | 'INVALID') for commands
 *     that name a task/timer/job/subscription/incident the state does not have.
 *   startTimers(def, now): TimerInfo[]            — first due time of each timer start event
 *   nextStartTimer(def, elementId, previousDueAt, fired = 1): IsoDateTime | null   — cycles;
 *     `fired` counts the firings so far, so `R3/…` ends after three.
 *
 * Ids (tasks, timers, jobs, subscriptions, incidents, element instances) are derived
 * deterministically from the instance id and a counter kept in state.
 */
