import type { Behaviour } from '../runtime/step.js';
import { complete } from '../runtime/lifecycle.js';
import { throwCompensation } from '../runtime/compensation.js';
import { throwEscalation } from '../runtime/escalations.js';
import { createJob } from '../tasks/job.js';
import { throwMessage, throwSignal } from './event-throw.js';

/**
 * None passes on; signal broadcasts; message is sent by a job or as `messageThrown`; escalation
 * goes to its catcher; link passes on to its catch event (a flow the compiler added).
 */
export const intermediateThrowEvent: Behaviour = {
  activate(step, el, node) {
    if (node.trigger.kind === 'message' && node.job) {
      createJob(step, el, node);
      return;
    }
    if (node.trigger.kind === 'compensation') {
      throwCompensation(step, el, node);
      return;
    }
    if (node.trigger.kind === 'escalation') {
      throwEscalation(step, el, node.trigger.code ?? '');
      return;
    }
    throwMessage(step, el, node);
    throwSignal(step, el, node);
    complete(step, el.id);
  },
};
