import type { Behaviour } from '../runtime/step.js';
import { raiseIncident } from '../runtime/incidents.js';
import { complete } from '../runtime/lifecycle.js';
import { openSubscription } from '../runtime/subscriptions.js';

/** Waits for its timer, message or signal; the trigger completes it. A link catch passes on. */
export const intermediateCatchEvent: Behaviour = {
  activate(step, el, node) {
    if (node.trigger.kind === 'link') {
      complete(step, el.id);
      return;
    }
    const problem = openSubscription(step, node, el.id, el.id);
    if (problem) raiseIncident(step, el, problem, 'activate');
  },
};
