/**
 * The compiled definition: an immutable graph shared by every instance of the processes it
 * holds. Nothing here is ever copied into instance state; state refers to nodes by id.
 */
import type { ListenerEvent, StartEventInfo } from '../contract.js';
import type { Expr } from '../feel/expression.js';
import type { TimerDef } from '../timers/timer-definition.js';

export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'receiveTask'
  | 'manualTask'
  | 'task'
  | 'scriptTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export type EventTrigger =
  | { kind: 'none' }
  | { kind: 'timer'; timer: TimerDef }
  | { kind: 'message'; name: string; correlationKey?: Expr }
  | { kind: 'signal'; name: string }
  /** `code` null catches every error. */
  | { kind: 'error'; code: string | null }
  /** `code` null (catch events only) catches every escalation. */
  | { kind: 'escalation'; code: string | null }
  /** A throw link jumps to the catch link of the same name in its scope. */
  | { kind: 'link'; name: string }
  /** Throw: compensate `activityId`, or every completed activity of the scope; boundary: catch. */
  | { kind: 'compensation'; activityId?: string }
  | { kind: 'terminate' };

export interface Mapping {
  source: Expr;
  target: string;
}

export interface JobDef {
  type: Expr;
  retries: Expr;
  headers: Record<string, string>;
}

/** An execution or task listener: a job of this type the element waits for. */
export interface ListenerDef {
  type: Expr;
  retries: Expr;
}

export interface UserTaskDef {
  assignee?: Expr;
  candidateGroups?: Expr;
  candidateUsers?: Expr;
  dueDate?: Expr;
  followUpDate?: Expr;
  formKey?: string;
  priority?: Expr;
  headers: Record<string, string>;
}

export interface ScriptDef {
  expression: Expr;
  resultVariable?: string;
}

/** A business rule task that evaluates a deployed DMN decision (zeebe:calledDecision). */
export interface DecisionCallDef {
  decisionId: Expr;
  resultVariable: string;
}

/** Ad-hoc sub-processes (zeebe:adHoc and bpmn:completionCondition), run by the engine itself. */
export interface AdHocDef {
  /** FEEL giving the ids of the inner elements to activate; none activated without it. */
  activeElements?: Expr;
  completionCondition?: Expr;
  /** When the completion condition holds: terminate the inner elements still active (default). */
  cancelRemaining: boolean;
}

export interface CallDef {
  processId: Expr;
  propagateAllChildVariables: boolean;
  version: 'latest' | number;
  versionTag?: string;
}

export interface MultiInstanceDef {
  sequential: boolean;
  inputCollection?: Expr;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: Expr;
  completionCondition?: Expr;
  loopCardinality?: Expr;
}

export interface Flow {
  id: string;
  sourceId: string;
  targetId: string;
  condition?: Expr;
}

export interface FlowNode {
  id: string;
  name?: string;
  kind: NodeKind;
  processId: string;
  /** Id of the enclosing (event) sub-process, null at process level. */
  scopeId: string | null;
  outgoing: Flow[];
  incoming: string[];
  defaultFlowId?: string;
  trigger: EventTrigger;
  /** Boundary events attached to this activity. */
  boundaryIds: string[];
  attachedToId?: string;
  /** Boundary events: cancelActivity; event sub-process start events: isInterrupting. */
  interrupting: boolean;
  inputs?: Mapping[];
  outputs?: Mapping[];
  job?: JobDef;
  userTask?: UserTaskDef;
  script?: ScriptDef;
  call?: CallDef;
  decision?: DecisionCallDef;
  adHoc?: AdHocDef;
  /** A compensation handler: started only by compensation, never by a sequence flow. */
  forCompensation?: boolean;
  /** Activities with a compensation boundary event: the handler its association points to. */
  compensationHandlerId?: string;
  multiInstance?: MultiInstanceDef;
  /** Execution listeners (start, end) and, on user tasks, task listeners, each in model order. */
  listeners?: Partial<Record<ListenerEvent, ListenerDef[]>>;
  /** Sub-processes: the none start event inside, and the event sub-processes directly inside. */
  startId?: string;
  eventSubProcessIds?: string[];
  triggeredByEvent?: boolean;
  /** Event sub-processes: their start event. */
  eventStartId?: string;
  /** Inclusive gateways: every node of the same scope from which a token can still get here. */
  upstream?: ReadonlySet<string>;
}

export interface CompiledProcess {
  id: string;
  name?: string;
  nodes: ReadonlyMap<string, FlowNode>;
  /** The none start event, if any. */
  startId?: string;
  /** Every start event at process level (none, timer, message, signal). */
  startIds: string[];
  eventSubProcessIds: string[];
}

export interface UserTaskElementInfo {
  processId: string;
  id: string;
  name?: string;
  formKey?: string;
}

export interface CompiledDefinition {
  processIds: string[];
  processes: ReadonlyMap<string, CompiledProcess>;
  startEvents: StartEventInfo[];
  userTaskElements: UserTaskElementInfo[];
}
