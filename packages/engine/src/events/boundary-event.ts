import type { Variables } from '../contract.js';
import type { FlowNode } from '../compile/model.js';
import type { Behaviour } from '../runtime/step.js';
import { complete, terminate } from '../runtime/lifecycle.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';

/** Created only when its trigger occurs on the host activity; then it passes on. */
export const boundaryEvent: Behaviour = {
  activate(step, el) {
    complete(step, el.id);
  },
};

/** The trigger occurred: interrupting ones cancel the host first; the event then passes on. */
export function fireBoundary(
  step: Step,
  host: ElementInstance,
  node: FlowNode,
  variables?: Variables,
): void {
  if (node.interrupting) terminate(step, host.id);
  const el = step.put({ id: step.nextId(), elementId: node.id, parentId: host.parentId });
  step.history('activated', el);
  complete(step, el.id, variables);
}
