import type { Behaviour } from '../runtime/step.js';
import { complete } from '../runtime/lifecycle.js';

/** Whatever started the scope (none, timer, message, signal) has already happened: pass on. */
export const startEvent: Behaviour = {
  activate(step, el) {
    complete(step, el.id);
  },
};
