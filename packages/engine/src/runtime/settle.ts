/**
 * Runs the agenda to a standstill: completes scopes left empty, releases inclusive joins no
 * token can reach any more, and completes the instance when nothing is left in it.
 */
import { releaseInclusiveJoins } from '../gateways/inclusive-gateway.js';
import { adHocDone } from './ad-hoc.js';
import { complete } from './lifecycle.js';
import type { Step } from './step.js';
import { closeSubscriptionsOf } from './subscriptions.js';

function completeEmptyScope(step: Step): boolean {
  for (const id of step.dirtyScopes) {
    step.dirtyScopes.delete(id);
    const el = step.element(id);
    if (!el || el.body || el.incidentId || el.arrived || el.listener) continue;
    const node = step.node(el.elementId);
    if (el.compensating) {
      if (step.childrenOf(id).length > 0) continue;
      complete(step, step.clear(id, 'compensating').id);
      return true;
    }
    if (node.kind !== 'subProcess') continue;
    if (node.adHoc?.completionCondition && !adHocDone(step, el, node)) continue;
    if (step.childrenOf(id).length > 0) continue;
    complete(step, id);
    return true;
  }
  return false;
}

export function settle(step: Step): void {
  for (;;) {
    step.runAgenda();
    if (completeEmptyScope(step)) continue;
    if (releaseInclusiveJoins(step)) continue;
    break;
  }
  const { state } = step;
  if (state.status !== 'active') return;
  for (const id in state.elements) if (state.elements[id]) return;
  closeSubscriptionsOf(step, null);
  state.status = 'completed';
  step.emit({ type: 'instanceEnded', status: 'completed', variables: state.variables });
}
