import type { Behaviour } from '../runtime/step.js';
import { complete } from '../runtime/lifecycle.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';
import { chooseFlows } from './conditions.js';
import { allArrived, consumeArrivals, recordArrival } from './join.js';

function fire(step: Step, el: ElementInstance): void {
  const node = step.node(el.elementId);
  const firing = consumeArrivals(step, node, el);
  const flows = chooseFlows(step, firing, node, false);
  if (flows) complete(step, firing.id, undefined, flows);
}

/**
 * Forks to every flow whose condition is true (else the default); joins once every incoming
 * flow has a token or no other token of the scope can still reach it.
 */
export const inclusiveGateway: Behaviour = {
  activate(step, el, node) {
    const flows = chooseFlows(step, el, node, false);
    if (flows) complete(step, el.id, undefined, flows);
  },
  arrive(step, node, parentId, flowId) {
    const el = recordArrival(step, node, parentId, flowId);
    if (allArrived(node, el)) fire(step, el);
  },
};

/** Called when nothing else can move: releases joins no live token can still reach. */
export function releaseInclusiveJoins(step: Step): boolean {
  for (const id in step.state.elements) {
    const el = step.state.elements[id];
    if (!el?.arrived || el.incidentId) continue;
    const node = step.node(el.elementId);
    if (node.kind !== 'inclusiveGateway') continue;
    const upstream = node.upstream;
    const blocked = step
      .childrenOf(el.parentId)
      .some(
        (other) =>
          other.id !== el.id &&
          upstream?.has(other.elementId) &&
          !(other.elementId === node.id && other.arrived),
      );
    if (!blocked) {
      fire(step, el);
      return true;
    }
  }
  return false;
}
