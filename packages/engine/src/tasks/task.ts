import type { Behaviour } from '../runtime/step.js';
import { complete } from '../runtime/lifecycle.js';

/** An undefined task: passes straight through. */
export const task: Behaviour = {
  activate(step, el) {
    complete(step, el.id);
  },
};
