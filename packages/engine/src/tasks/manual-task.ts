import type { Behaviour } from '../runtime/step.js';
import { complete } from '../runtime/lifecycle.js';

/** Done outside any system: passes straight through. */
export const manualTask: Behaviour = {
  activate(step, el) {
    complete(step, el.id);
  },
};
