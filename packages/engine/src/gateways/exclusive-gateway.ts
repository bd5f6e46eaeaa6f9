import type { Behaviour } from '../runtime/step.js';
import { complete } from '../runtime/lifecycle.js';
import { chooseFlows } from './conditions.js';

/** Takes the first flow whose condition is true, else the default; joins pass straight through. */
export const exclusiveGateway: Behaviour = {
  activate(step, el, node) {
    const flows = chooseFlows(step, el, node, true);
    if (flows) complete(step, el.id, undefined, flows);
  },
};
