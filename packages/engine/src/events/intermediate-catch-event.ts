import type { Behaviour } from '../runtime/step.js';
import { raiseIncident } from '../runtime/incidents.js';
import { openSubscription } from '../runtime/subscriptions.js';

/** Waits for its timer, message or signal; the trigger completes it. */
export const intermediateCatchEvent: Behaviour = {
  activate(step, el, node) {
    const problem = openSubscription(step, node, el.id, el.id);
    if (problem) raiseIncident(step, el, problem, 'activate');
  },
};
