import type { Variables } from '../contract.js';
import type { FlowNode } from '../compile/model.js';
import type { Behaviour } from '../runtime/step.js';
import { raiseIncident } from '../runtime/incidents.js';
import { complete } from '../runtime/lifecycle.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';
import { closeSubscriptionsOf, openSubscription } from '../runtime/subscriptions.js';

/** Waits on the events after it; the first to occur wins and the others are cancelled. */
export const eventBasedGateway: Behaviour = {
  activate(step, el, node) {
    for (const flow of node.outgoing) {
      const problem = openSubscription(step, step.node(flow.targetId), el.id, el.id);
      if (problem) {
        closeSubscriptionsOf(step, el.id);
        raiseIncident(step, el, `event '${flow.targetId}': ${problem}`, 'activate');
        return;
      }
    }
  },
};

export function eventBasedGatewayTriggered(
  step: Step,
  gateway: ElementInstance,
  event: FlowNode,
  variables?: Variables,
): void {
  const el = step.put({ id: step.nextId(), elementId: event.id, parentId: gateway.parentId });
  complete(step, gateway.id, undefined, []);
  step.history('activated', el);
  complete(step, el.id, variables);
}
