/**
 * One command's worth of work on a working copy of the state: an agenda of operations, the
 * effects emitted, and ids drawn from the instance's counter. Element instances are never
 * mutated in place (copy on write), so the caller's state object stays untouched.
 */
import type { Effect, HistoryEvent, Variables } from '../contract.js';
import type { CompiledDefinition, CompiledProcess, FlowNode, NodeKind } from '../compile/model.js';
import type { Decisions } from '../decisions/model.js';
import { DEFAULT_TIME_ZONE } from '../timers/timer-definition.js';
import type { ElementInstance, EngineState } from './state.js';

/** The caller's settings for running commands. */
export interface RunOptions {
  /** Element activations one command may make; the next one waits with an incident. Default 10,000. */
  maxActivations?: number;
  /** IANA time zone cron timers run in. Default Asia/Shanghai. */
  timeZone?: string;
  /** The deployed DMN decisions business rule tasks call (compileDecisions). */
  decisions?: Decisions;
  /**
   * The caller hands over the state it passes: its records are changed in place instead of copied
   * at the command's first write. A copy costs a command on an instance of thousands of element
   * instances (a multi-instance over every branch of a province) more than the command itself.
   * Only for a caller that drops that state when the command throws. Default false.
   */
  handOverState?: boolean;
}

const NO_DECISIONS: Decisions = new Map();

export const DEFAULT_MAX_ACTIVATIONS = 10_000;

/** What one element kind does; the shared lifecycle (runtime/lifecycle.ts) does the rest. */
export interface Behaviour {
  /** The instance exists and its input mappings are applied: run, or start waiting. */
  activate(step: Step, el: ElementInstance, node: FlowNode): void;
  /** Joining gateways take over arrival (a token on one of several incoming flows). */
  arrive?(step: Step, node: FlowNode, parentId: string | null, flowId: string): void;
  /** User tasks: their `creating` task listeners are done; create the task. */
  created?(step: Step, el: ElementInstance, node: FlowNode): void;
}

/**
 * The element kinds' behaviours, handed to every step by its entry point (runtime/behaviours.ts
 * builds the table): the lifecycle calls them through the step, so no behaviour module imports
 * back into a module that imports it.
 */
export interface ElementKinds {
  behaviourOf(kind: NodeKind): Behaviour;
  /** Multi-instance activities: a token arrives at one, and one inner instance completed. */
  enterMultiInstance(step: Step, node: FlowNode, parentId: string | null): void;
  innerCompleted(step: Step, inner: ElementInstance, scope: Variables): void;
}

export class Step {
  readonly effects: Effect[] = [];
  readonly state: EngineState;
  /** Scopes that lost a child during this step; checked for completion once the agenda drains. */
  readonly dirtyScopes = new Set<string>();
  private readonly agenda: (() => void)[] = [];
  private readonly copied = new Set<'elements' | 'subscriptions' | 'incidents'>();
  readonly maxActivations: number;
  readonly timeZone: string;
  readonly decisions: Decisions;
  private activations = 0;

  constructor(
    readonly definition: CompiledDefinition,
    readonly process: CompiledProcess,
    state: EngineState,
    readonly now: string,
    readonly kinds: ElementKinds,
    options: RunOptions = {},
  ) {
    this.state = { ...state, version: state.version + 1 };
    if (options.handOverState) {
      for (const key of ['elements', 'subscriptions', 'incidents'] as const) this.copied.add(key);
    }
    this.maxActivations = options.maxActivations ?? DEFAULT_MAX_ACTIVATIONS;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.decisions = options.decisions ?? NO_DECISIONS;
  }

  /** Counts one element activation; false once this command has used up its allowance. */
  countActivation(): boolean {
    this.activations += 1;
    return this.activations <= this.maxActivations;
  }

  /** The record, copied on first write in this step so the caller's state stays untouched. */
  writable<K extends 'elements' | 'subscriptions' | 'incidents'>(key: K): EngineState[K] {
    if (!this.copied.has(key)) {
      this.copied.add(key);
      this.state[key] = { ...this.state[key] };
    }
    return this.state[key];
  }

  nextId(): string {
    this.state.counter += 1;
    return `${this.state.id}.${this.state.counter}`;
  }

  node(id: string): FlowNode {
    const node = this.process.nodes.get(id);
    if (!node) throw new Error(`element '${id}' is not in process '${this.process.id}'`);
    return node;
  }

  element(id: string | null | undefined): ElementInstance | undefined {
    return id ? this.state.elements[id] : undefined;
  }

  put(el: ElementInstance): ElementInstance {
    this.writable('elements')[el.id] = el;
    return el;
  }

  update(id: string, patch: Partial<ElementInstance>): ElementInstance {
    const current = this.state.elements[id];
    if (!current) throw new Error(`element instance '${id}' is gone`);
    return this.put({ ...current, ...patch });
  }

  /** Drops optional fields from an element instance (copy on write). */
  clear(
    id: string,
    ...fields: ('jobId' | 'retries' | 'incidentId' | 'arrived' | 'listener' | 'compensating')[]
  ): ElementInstance {
    const copy = { ...this.state.elements[id] } as ElementInstance;
    for (const field of fields) delete copy[field];
    return this.put(copy);
  }

  remove(id: string): void {
    const el = this.state.elements[id];
    if (!el) return;
    delete this.writable('elements')[id];
    if (el.parentId) this.dirtyScopes.add(el.parentId);
  }

  childrenOf(scopeId: string | null): ElementInstance[] {
    const out: ElementInstance[] = [];
    for (const id in this.state.elements) {
      const el = this.state.elements[id];
      if (el && el.parentId === scopeId) out.push(el);
    }
    return out;
  }

  /** A new root object on every write, so effects that carried the old one stay as they were. */
  setRootVariable(name: string, value: Variables[string]): void {
    this.state.variables = { ...this.state.variables, [name]: value };
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  history(kind: HistoryEvent['kind'], el: ElementInstance, elementType?: string): void {
    this.effects.push({
      type: 'history',
      event: {
        at: this.now,
        elementId: el.elementId,
        elementType: elementType ?? this.node(el.elementId).kind,
        elementInstanceId: el.id,
        kind,
      },
    });
  }

  enqueue(op: () => void): void {
    this.agenda.push(op);
  }

  /** Runs queued operations until none is left; returns whether any ran. */
  runAgenda(): boolean {
    let ran = false;
    for (let op = this.agenda.shift(); op; op = this.agenda.shift()) {
      ran = true;
      op();
    }
    return ran;
  }
}
