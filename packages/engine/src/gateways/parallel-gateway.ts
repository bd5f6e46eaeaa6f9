import type { Behaviour } from '../runtime/step.js';
import { complete } from '../runtime/lifecycle.js';
import { allArrived, consumeArrivals, recordArrival } from './join.js';

/** Forks to every outgoing flow; joins once a token has arrived on every incoming flow. */
export const parallelGateway: Behaviour = {
  activate(step, el) {
    complete(step, el.id);
  },
  arrive(step, node, parentId, flowId) {
    const el = recordArrival(step, node, parentId, flowId);
    if (allArrived(node, el)) complete(step, consumeArrivals(step, node, el).id);
  },
};
