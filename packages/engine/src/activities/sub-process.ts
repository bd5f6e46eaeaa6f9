import type { Behaviour } from '../runtime/step.js';
import { raiseIncident } from '../runtime/incidents.js';
import { enterNode } from '../runtime/lifecycle.js';
import { openEventSubProcesses } from './event-sub-process.js';

/** An embedded scope: starts at its none start event; completes when no token is left inside. */
export const subProcess: Behaviour = {
  activate(step, el, node) {
    const problem = openEventSubProcesses(step, node.eventSubProcessIds ?? [], el.id);
    if (problem) {
      raiseIncident(step, el, problem, 'activate');
      return;
    }
    if (node.startId) enterNode(step, node.startId, el.id);
  },
};
