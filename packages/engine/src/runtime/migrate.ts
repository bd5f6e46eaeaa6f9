/**
 * Moves a running instance to another version of its process: every element instance is
 * re-pointed at the element the mapping names (an element id absent from the mapping maps to
 * itself when the new version still has it), the mapping is checked first, and the wait
 * states' subscriptions follow — kept (same id, due time and correlation key) where the new
 * element waits on the same kind of event, closed where it no longer waits, opened where it
 * now waits on something the old one did not.
 */
import type { CompiledDefinition, CompiledProcess, FlowNode } from '../compile/model.js';
import type { StepResult } from '../contract.js';
import { elementKinds } from './behaviours.js';
import type { ElementInstance, EngineState, Subscription } from './state.js';
import { Step, type RunOptions } from './step.js';
import { closeSubscription, openSubscription } from './subscriptions.js';

export interface MigrationPlan {
  /** Old element id → new element id; ids left out map to themselves. */
  mappings: Record<string, string>;
  now: string;
}

export type MigrationProblemCode =
  | 'removed'
  | 'kindChanged'
  | 'multiInstanceChanged'
  | 'scopeChanged'
  | 'joinChanged'
  | 'listenerRunning'
  | 'subscription';

export interface MigrationProblem {
  code: MigrationProblemCode;
  /** The old element the problem is about. */
  elementId: string;
  message: string;
}

export type MigrationResult =
  { ok: true; result: StepResult<EngineState> } | { ok: false; problems: MigrationProblem[] };

const WAITING_TRIGGERS = new Set(['timer', 'message', 'signal']);

/** Where an old element id goes in the new process, or undefined when nowhere. */
function targetOf(plan: MigrationPlan, to: CompiledProcess, elementId: string): string | undefined {
  const mapped = Object.hasOwn(plan.mappings, elementId) ? plan.mappings[elementId] : elementId;
  if (mapped === undefined) return undefined;
  return to.nodes.has(mapped) ? mapped : undefined;
}

function checkElement(
  plan: MigrationPlan,
  from: CompiledProcess,
  to: CompiledProcess,
  state: EngineState,
  el: ElementInstance,
): MigrationProblem | null {
  const old = from.nodes.get(el.elementId);
  const target = targetOf(plan, to, el.elementId);
  const problem = (code: MigrationProblemCode, message: string) => ({
    code,
    elementId: el.elementId,
    message,
  });
  if (!old || !target) {
    return problem(
      'removed',
      `a token is on '${el.elementId}', which the new version does not have and the mapping does not map`,
    );
  }
  const node = to.nodes.get(target) as FlowNode;
  if (node.kind !== old.kind) {
    return problem(
      'kindChanged',
      `'${el.elementId}' (${old.kind}) cannot become '${target}' (${node.kind})`,
    );
  }
  if (Boolean(node.multiInstance) !== Boolean(old.multiInstance)) {
    return problem(
      'multiInstanceChanged',
      `'${el.elementId}' and '${target}' differ in being multi-instance`,
    );
  }
  const parent = el.parentId ? state.elements[el.parentId] : undefined;
  const parentTarget = parent ? targetOf(plan, to, parent.elementId) : null;
  const expectedScope = parent?.body ? target : node.scopeId;
  if ((parentTarget ?? null) !== expectedScope) {
    return problem(
      'scopeChanged',
      `'${target}' is not inside '${parentTarget ?? 'the process'}' in the new version`,
    );
  }
  if (el.arrived?.some((flowId) => !node.incoming.includes(flowId))) {
    return problem(
      'joinChanged',
      `the joining gateway '${target}' lost an incoming flow a token has arrived on`,
    );
  }
  if (el.listener) {
    return problem(
      'listenerRunning',
      `'${el.elementId}' waits for its ${el.listener.event} listener job`,
    );
  }
  return null;
}

/** The events an element instance waits on in the new version, as `ownerId elementId`. */
function waitsOf(step: Step, el: ElementInstance, node: FlowNode): FlowNode[] {
  const waits: FlowNode[] = [];
  const add = (id: string) => {
    const n = step.node(id);
    if (WAITING_TRIGGERS.has(n.trigger.kind)) waits.push(n);
  };
  if (el.loopIndex === undefined) node.boundaryIds.forEach(add);
  if (!el.body && (node.kind === 'intermediateCatchEvent' || node.kind === 'receiveTask'))
    add(node.id);
  if (node.kind === 'eventBasedGateway') node.outgoing.forEach((flow) => add(flow.targetId));
  if (node.kind === 'subProcess' && !el.body) {
    for (const id of node.eventSubProcessIds ?? []) {
      const startId = step.node(id).eventStartId;
      if (startId) add(startId);
    }
  }
  return waits;
}

function sameWait(sub: Subscription, node: FlowNode): boolean {
  const t = node.trigger;
  if (t.kind !== sub.kind) return false;
  return t.kind === 'timer' || ('name' in t && t.name === sub.name);
}

/** Writes the kept subscription again, so its stored row names the new version's element. */
function reissue(step: Step, sub: Subscription): void {
  switch (sub.kind) {
    case 'timer':
      step.emit({ type: 'timerCancelled', timerId: sub.id });
      step.emit({
        type: 'timerScheduled',
        timer: { id: sub.id, elementId: sub.elementId, dueAt: sub.dueAt as string },
      });
      return;
    case 'message':
      step.emit({ type: 'messageUnsubscribed', subscriptionId: sub.id });
      step.emit({
        type: 'messageSubscribed',
        subscription: {
          id: sub.id,
          elementId: sub.elementId,
          name: sub.name as string,
          ...(sub.correlationKey !== undefined ? { correlationKey: sub.correlationKey } : {}),
        },
      });
      return;
    case 'signal':
      step.emit({ type: 'signalUnsubscribed', subscriptionId: sub.id });
      step.emit({
        type: 'signalSubscribed',
        subscription: { id: sub.id, elementId: sub.elementId, name: sub.name as string },
      });
      return;
  }
}

function moveSubscriptions(step: Step, plan: MigrationPlan): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const expected = new Map<string, FlowNode>();
  const owners: [string | null, ElementInstance | null, FlowNode | null][] = [[null, null, null]];
  for (const el of Object.values(step.state.elements))
    owners.push([el.id, el, step.node(el.elementId)]);
  for (const [ownerId, el, node] of owners) {
    const waits =
      el && node
        ? waitsOf(step, el, node)
        : step.process.eventSubProcessIds.flatMap((id) => {
            const startId = step.node(id).eventStartId;
            const start = startId ? step.node(startId) : undefined;
            return start && WAITING_TRIGGERS.has(start.trigger.kind) ? [start] : [];
          });
    for (const wait of waits) expected.set(`${ownerId} ${wait.id}`, wait);
  }
  const kept = new Set<string>();
  for (const sub of Object.values(step.state.subscriptions)) {
    const target = targetOf(plan, step.process, sub.elementId) ?? '';
    const key = `${sub.ownerId} ${target}`;
    const wait = expected.get(key);
    if (wait && sameWait(sub, wait) && !kept.has(key)) {
      kept.add(key);
      const moved = { ...sub, elementId: target };
      step.writable('subscriptions')[sub.id] = moved;
      reissue(step, moved);
    } else {
      closeSubscription(step, sub);
    }
  }
  for (const [key, wait] of expected) {
    if (kept.has(key)) continue;
    const ownerId = key.slice(0, key.indexOf(' '));
    const owner = ownerId === 'null' ? null : ownerId;
    const why = openSubscription(step, wait, owner, owner);
    if (why)
      problems.push({ code: 'subscription', elementId: wait.id, message: `'${wait.id}': ${why}` });
  }
  return problems;
}

/**
 * Checks the plan against the instance and, when it holds, returns the migrated state with the
 * effects that move its subscriptions. Tasks, jobs and called instances keep their ids.
 */
export function migrateInstance(
  fromDef: CompiledDefinition,
  toDef: CompiledDefinition,
  opaque: StepResult['state'],
  plan: MigrationPlan,
  options: RunOptions = {},
): MigrationResult {
  const state = opaque as EngineState;
  const from = fromDef.processes.get(state.processId);
  const to = toDef.processes.get(state.processId);
  if (!from || !to) {
    return {
      ok: false,
      problems: [
        {
          code: 'removed',
          elementId: state.processId,
          message: `process '${state.processId}' is not in both versions`,
        },
      ],
    };
  }
  const problems = new Map<string, MigrationProblem>();
  for (const el of Object.values(state.elements)) {
    const problem = checkElement(plan, from, to, state, el);
    if (problem) problems.set(`${problem.code} ${problem.elementId}`, problem);
  }
  for (const done of state.compensable ?? []) {
    if (!targetOf(plan, to, done.elementId)) {
      problems.set(`removed ${done.elementId}`, {
        code: 'removed',
        elementId: done.elementId,
        message: `'${done.elementId}' completed and may still be compensated, but the new version does not have it`,
      });
    }
  }
  if (problems.size > 0) return { ok: false, problems: [...problems.values()] };
  const step = new Step(toDef, to, state, plan.now, elementKinds, options);
  for (const el of Object.values(state.elements)) {
    const target = targetOf(plan, to, el.elementId) as string;
    if (target !== el.elementId) step.put({ ...el, elementId: target });
  }
  if (state.compensable) {
    step.state.compensable = state.compensable.map((done) => ({
      ...done,
      elementId: targetOf(plan, to, done.elementId) as string,
    }));
  }
  const incidents = step.writable('incidents');
  for (const incident of Object.values(state.incidents)) {
    const el = step.element(incident.elementInstanceId);
    if (el) incidents[incident.id] = { ...incident, elementId: el.elementId };
  }
  const waitProblems = moveSubscriptions(step, plan);
  if (waitProblems.length > 0) return { ok: false, problems: waitProblems };
  return { ok: true, result: { state: step.state, effects: step.effects } };
}
