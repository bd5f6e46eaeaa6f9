import type { Behaviour } from '../runtime/step.js';
import { createJob } from './job.js';

/** Hands a job to a worker and waits for completeJob / failJob / throwError. */
export const serviceTask: Behaviour = {
  activate(step, el, node) {
    createJob(step, el, node);
  },
};
