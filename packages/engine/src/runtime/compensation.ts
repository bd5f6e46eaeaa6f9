/**
 * Compensation throw events (intermediate or end): start the compensation handler of every
 * completed activity of the thrower's scope (sub-processes inside it included), or only of the
 * activity the event names, most recently completed first, and wait for all of them; an
 * activity is compensated once. With nothing to compensate the event passes on at once.
 */
import type { FlowNode } from '../compile/model.js';
import { complete, createAndActivate } from './lifecycle.js';
import type { ElementInstance } from './state.js';
import type { Step } from './step.js';

export function throwCompensation(step: Step, thrower: ElementInstance, node: FlowNode): void {
  const activityId = node.trigger.kind === 'compensation' ? node.trigger.activityId : undefined;
  const all = step.state.compensable ?? [];
  const scope = thrower.parentId;
  const chosen = all.filter(
    (c) =>
      (scope === null || c.scopes.includes(scope)) &&
      (activityId === undefined || c.elementId === activityId),
  );
  if (chosen.length === 0) {
    complete(step, thrower.id);
    return;
  }
  step.state.compensable = all.filter((c) => !chosen.includes(c));
  step.update(thrower.id, { compensating: true });
  for (const done of chosen.reverse()) {
    const handlerId = step.node(done.elementId).compensationHandlerId;
    if (handlerId) createAndActivate(step, step.node(handlerId), thrower.id);
  }
}
