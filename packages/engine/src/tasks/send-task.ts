import type { Behaviour } from '../runtime/step.js';
import { complete } from '../runtime/lifecycle.js';
import { throwMessage } from '../events/event-throw.js';
import { createJob } from './job.js';

/** With a job type a worker sends the message; without one the engine emits `messageThrown`. */
export const sendTask: Behaviour = {
  activate(step, el, node) {
    if (node.job) {
      createJob(step, el, node);
      return;
    }
    throwMessage(step, el, node);
    complete(step, el.id);
  },
};
