import type { Behaviour } from '../runtime/step.js';
import { raiseIncident } from '../runtime/incidents.js';
import { openSubscription } from '../runtime/subscriptions.js';

/** Waits for its message; the message's variables complete it. */
export const receiveTask: Behaviour = {
  activate(step, el, node) {
    const problem = openSubscription(step, node, el.id, el.id);
    if (problem) raiseIncident(step, el, problem, 'activate');
  },
};
