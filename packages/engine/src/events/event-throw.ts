/** Message and signal throws shared by end events, intermediate throw events and send tasks. */
import type { FlowNode } from '../compile/model.js';
import { evaluateExpr } from '../feel/expression.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';
import { visibleVariables } from '../runtime/variables.js';

/** The variables sent along: the element's input mappings, if any. */
function payload(el: ElementInstance) {
  return el.variables ?? {};
}

export function throwMessage(step: Step, el: ElementInstance, node: FlowNode): void {
  if (node.trigger.kind !== 'message') return;
  let correlationKey: string | undefined;
  if (node.trigger.correlationKey) {
    const key = evaluateExpr(node.trigger.correlationKey, visibleVariables(step, el.id), step.now);
    if (key.ok && key.value !== null && typeof key.value !== 'object')
      correlationKey = String(key.value);
  }
  step.emit({
    type: 'messageThrown',
    name: node.trigger.name,
    ...(correlationKey !== undefined ? { correlationKey } : {}),
    variables: payload(el),
  });
}

export function throwSignal(step: Step, el: ElementInstance, node: FlowNode): void {
  if (node.trigger.kind !== 'signal') return;
  step.emit({ type: 'signalThrown', name: node.trigger.name, variables: payload(el) });
}
