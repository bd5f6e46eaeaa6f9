/** Event sub-processes: subscriptions opened with their scope, started when their event occurs. */
import type { Variables } from '../contract.js';
import type { FlowNode } from '../compile/model.js';
import { complete, terminate } from '../runtime/lifecycle.js';
import { closeSubscription, openSubscription } from '../runtime/subscriptions.js';
import type { Step } from '../runtime/step.js';

/** Opens the start-event subscriptions of the event sub-processes of a scope; error or null. */
export function openEventSubProcesses(
  step: Step,
  ids: string[],
  scopeId: string | null,
): string | null {
  for (const id of ids) {
    const startId = step.node(id).eventStartId;
    if (!startId) continue;
    const problem = openSubscription(step, step.node(startId), scopeId, scopeId);
    if (problem) return `event sub-process '${id}': ${problem}`;
  }
  return null;
}

export function triggerEventSubProcess(
  step: Step,
  scopeId: string | null,
  node: FlowNode,
  start: FlowNode,
  variables?: Variables,
): void {
  if (start.interrupting) {
    for (const child of step.childrenOf(scopeId)) terminate(step, child.id);
    for (const id in step.state.subscriptions) {
      const sub = step.state.subscriptions[id];
      if (sub && sub.ownerId === scopeId && step.node(sub.elementId).kind === 'startEvent') {
        closeSubscription(step, sub);
      }
    }
  }
  const scope = step.put({ id: step.nextId(), elementId: node.id, parentId: scopeId });
  step.history('activated', scope);
  const el = step.put({ id: step.nextId(), elementId: start.id, parentId: scope.id });
  step.history('activated', el);
  complete(step, el.id, variables);
}
