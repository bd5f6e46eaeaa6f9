/** Arrivals at a joining gateway, kept on one waiting element instance per gateway and scope. */
import type { FlowNode } from '../compile/model.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';

export function recordArrival(
  step: Step,
  node: FlowNode,
  parentId: string | null,
  flowId: string,
): ElementInstance {
  const waiting = step.childrenOf(parentId).find((e) => e.elementId === node.id && e.arrived);
  if (waiting) return step.update(waiting.id, { arrived: [...(waiting.arrived ?? []), flowId] });
  const el = step.put({ id: step.nextId(), elementId: node.id, parentId, arrived: [flowId] });
  step.history('activated', el);
  return el;
}

/** Whether a token has arrived on every incoming flow. */
export function allArrived(node: FlowNode, el: ElementInstance): boolean {
  return node.incoming.every((f) => el.arrived?.includes(f));
}

/**
 * Consumes one token per incoming flow; tokens that arrived twice on a flow wait in a new
 * element instance for the next round. Returns the element instance that fires.
 */
export function consumeArrivals(step: Step, node: FlowNode, el: ElementInstance): ElementInstance {
  const rest = [...(el.arrived ?? [])];
  for (const flow of node.incoming) {
    const at = rest.indexOf(flow);
    if (at >= 0) rest.splice(at, 1);
  }
  const firing = step.clear(el.id, 'arrived');
  if (rest.length > 0) {
    const next = step.put({
      id: step.nextId(),
      elementId: node.id,
      parentId: el.parentId,
      arrived: rest,
    });
    step.history('activated', next);
  }
  return firing;
}
