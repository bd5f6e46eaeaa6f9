/**
 * A subscription's event occurred (timer due, message correlated, signal broadcast). A message
 * or signal subscription that does not stay open is closed with its effect, so the caller's
 * books drop it; a fired timer is gone from the caller's books already.
 */
import type { Variables } from '../contract.js';
import { triggerEventSubProcess } from '../activities/event-sub-process.js';
import { fireBoundary } from '../events/boundary-event.js';
import { eventBasedGatewayTriggered } from '../gateways/event-based-gateway.js';
import { complete } from './lifecycle.js';
import type { Subscription } from './state.js';
import type { Step } from './step.js';
import { closeSubscription, rearmCycle } from './subscriptions.js';

export function triggerSubscription(step: Step, sub: Subscription, variables?: Variables): void {
  const node = step.node(sub.elementId);
  const owner = step.element(sub.ownerId);
  const staysOpen =
    !node.interrupting && (node.kind === 'boundaryEvent' || node.kind === 'startEvent');
  if (sub.kind === 'timer') delete step.writable('subscriptions')[sub.id];
  else if (!staysOpen) closeSubscription(step, sub);
  if (staysOpen) rearmCycle(step, sub);
  if (sub.ownerId !== null && !owner) return;
  if (node.kind === 'boundaryEvent' && owner) {
    fireBoundary(step, owner, node, variables);
  } else if (node.kind === 'startEvent' && node.scopeId) {
    triggerEventSubProcess(step, sub.ownerId, step.node(node.scopeId), node, variables);
  } else if (owner && owner.elementId !== node.id) {
    eventBasedGatewayTriggered(step, owner, node, variables);
  } else if (owner) {
    complete(step, owner.id, variables);
  }
}
