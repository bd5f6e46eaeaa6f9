/**
 * The activity lifecycle shared by every element kind: arrive → activate (input mappings, start
 * listeners, boundary subscriptions, behaviour) → complete (output mappings, end listeners,
 * leave) or terminate. Behaviours are reached through `step.kinds`, never imported here.
 */
import type { Variables } from '../contract.js';
import type { Flow, FlowNode } from '../compile/model.js';
import { recordCompensable } from './compensable.js';
import { dropIncident, raiseIncident } from './incidents.js';
import { runListener } from './listeners.js';
import { closeSubscriptionsOf, openSubscription } from './subscriptions.js';
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';
import { evaluateMappings, setVariables, visibleVariables } from './variables.js';

export function enterNode(
  step: Step,
  nodeId: string,
  parentId: string | null,
  flowId?: string,
): void {
  step.enqueue(() => arrive(step, step.node(nodeId), parentId, flowId));
}

function arrive(step: Step, node: FlowNode, parentId: string | null, flowId?: string): void {
  if (parentId !== null && !step.element(parentId)) return;
  const behaviour = step.kinds.behaviourOf(node.kind);
  if (behaviour.arrive && flowId !== undefined && node.incoming.length > 1) {
    behaviour.arrive(step, node, parentId, flowId);
    return;
  }
  if (node.multiInstance) {
    step.kinds.enterMultiInstance(step, node, parentId);
    return;
  }
  createAndActivate(step, node, parentId);
}

export function createAndActivate(
  step: Step,
  node: FlowNode,
  parentId: string | null,
  local?: Partial<ElementInstance>,
): ElementInstance {
  const el = step.put({ id: step.nextId(), elementId: node.id, parentId, ...local });
  step.history('activated', el);
  activate(step, el.id);
  return el;
}

/** Also the retry of an incident raised during activation. */
export function activate(step: Step, id: string): void {
  let el = step.element(id);
  if (!el || !admitActivation(step, el)) return;
  const node = step.node(el.elementId);
  if (node.inputs) {
    const mapped = evaluateMappings(node.inputs, visibleVariables(step, el.id), step.now);
    if (!mapped.ok) {
      raiseIncident(step, el, `input mapping failed: ${mapped.message}`, 'activate');
      return;
    }
    el = step.update(el.id, { variables: { ...el.variables, ...mapped.values } });
  }
  if (node.listeners?.start && runListener(step, el, node, { event: 'start', index: 0 })) return;
  proceed(step, el, node);
}

/** After the start listeners: arm the boundary events and run the element's behaviour. */
function proceed(step: Step, el: ElementInstance, node: FlowNode): void {
  if (el.loopIndex === undefined && !openBoundaries(step, el, node)) return;
  step.kinds.behaviourOf(node.kind).activate(step, el, node);
}

/**
 * Stops a command that keeps activating elements (a loop with no wait state): past the
 * allowance the token stays at this element with an incident, and the step commits.
 * Resolving the incident activates it again, with a fresh allowance.
 */
export function admitActivation(step: Step, el: ElementInstance): boolean {
  if (step.countActivation()) return true;
  raiseIncident(
    step,
    el,
    `stopped here after ${step.maxActivations.toLocaleString('en')} element activations in one step: ` +
      'a loop with no wait state (user task, job, timer, message or signal) runs through this element',
    'activate',
  );
  return false;
}

/** Opens the boundary events of an activity (once); false when one could not be armed. */
export function openBoundaries(step: Step, el: ElementInstance, node: FlowNode): boolean {
  if (node.boundaryIds.length === 0) return true;
  for (const sid in step.state.subscriptions) {
    if (step.state.subscriptions[sid]?.ownerId === el.id) return true;
  }
  for (const boundaryId of node.boundaryIds) {
    const problem = openSubscription(step, step.node(boundaryId), el.id, el.id);
    if (problem) {
      closeSubscriptionsOf(step, el.id);
      raiseIncident(step, el, `boundary event '${boundaryId}': ${problem}`, 'activate');
      return false;
    }
  }
  return true;
}

/**
 * Completes an element instance: output mappings (or the given variables propagated), its end
 * listeners, then closes its subscriptions and takes `flows` (default: every outgoing flow).
 */
export function complete(step: Step, id: string, variables?: Variables, flows?: Flow[]): void {
  const el = step.element(id);
  if (!el) return;
  const node = step.node(el.elementId);
  if (node.outputs) {
    const context = variables
      ? { ...visibleVariables(step, el.id), ...variables }
      : visibleVariables(step, el.id);
    const mapped = evaluateMappings(node.outputs, context, step.now);
    if (!mapped.ok) {
      raiseIncident(step, el, `output mapping failed: ${mapped.message}`, 'complete', variables);
      return;
    }
    setVariables(step, el.parentId, mapped.values);
  } else {
    setVariables(step, el.id, variables);
  }
  if (node.listeners?.end) {
    const ending = { event: 'end' as const, index: 0 };
    if (runListener(step, el, node, flows ? { ...ending, flows: flows.map((f) => f.id) } : ending))
      return;
  }
  finish(step, el, node, flows);
}

function finish(step: Step, el: ElementInstance, node: FlowNode, flows?: Flow[]): void {
  if (node.compensationHandlerId) recordCompensable(step, el);
  const scopeVariables = el.loopIndex !== undefined ? visibleVariables(step, el.id) : undefined;
  closeSubscriptionsOf(step, el.id);
  step.remove(el.id);
  step.history('completed', el);
  if (scopeVariables) {
    step.kinds.innerCompleted(step, el, scopeVariables);
    return;
  }
  leave(step, node, el.parentId, flows);
}

/**
 * A listener job completed: its variables are set (local to the element before its work, as
 * job variables after it), then the next listener runs, or the element goes on.
 */
export function listenerDone(step: Step, id: string, variables?: Variables): void {
  const run = step.element(id)?.listener;
  if (!run) return;
  let el = step.clear(id, 'jobId', 'retries', 'listener');
  const node = step.node(el.elementId);
  if (variables && (run.event === 'start' || run.event === 'creating')) {
    el = step.update(id, { variables: { ...el.variables, ...variables } });
  } else {
    setVariables(step, id, variables);
  }
  if (runListener(step, el, node, { ...run, index: run.index + 1 })) return;
  switch (run.event) {
    case 'start':
      proceed(step, el, node);
      return;
    case 'creating':
      step.kinds.behaviourOf(node.kind).created?.(step, el, node);
      return;
    case 'completing':
      complete(step, id, run.variables);
      return;
    case 'end': {
      const flows = run.flows && node.outgoing.filter((f) => run.flows?.includes(f.id));
      finish(step, el, node, flows);
      return;
    }
  }
}

/** Whether the element's user task was created and is still open (to cancel it with the element). */
function openTask(el: ElementInstance): boolean {
  if (el.listener) return el.listener.event === 'completing';
  return !el.incidentId;
}

export function leave(step: Step, node: FlowNode, parentId: string | null, flows?: Flow[]): void {
  for (const flow of flows ?? node.outgoing) enterNode(step, flow.targetId, parentId, flow.id);
}

/** Cancels an element instance and everything inside it; it does not count as passed. */
export function terminate(step: Step, id: string): void {
  const el = step.element(id);
  if (!el) return;
  for (const child of step.childrenOf(el.id)) terminate(step, child.id);
  closeSubscriptionsOf(step, el.id);
  dropIncident(step, el);
  const node = step.node(el.elementId);
  if (!el.body) {
    if (node.kind === 'userTask' && openTask(el))
      step.emit({ type: 'taskCancelled', taskId: el.id });
    if (node.kind === 'callActivity' && !el.incidentId && !el.listener) {
      step.emit({ type: 'callActivityCancelled', elementInstanceId: el.id });
    }
  }
  if (el.jobId) step.emit({ type: 'jobCancelled', jobId: el.jobId });
  step.remove(el.id);
  step.history('terminated', el, el.body ? 'multiInstanceBody' : undefined);
}
