import type { Behaviour } from '../runtime/step.js';
import { createJob } from './job.js';

/** Business rules run as a job, like a service task (no DMN engine inside). */
export const businessRuleTask: Behaviour = {
  activate(step, el, node) {
    createJob(step, el, node);
  },
};
