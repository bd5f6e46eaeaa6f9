import type { Behaviour } from '../runtime/step.js';
import { throwBpmnError } from '../runtime/errors.js';
import { throwCompensation } from '../runtime/compensation.js';
import { throwEscalation } from '../runtime/escalations.js';
import { complete, terminate } from '../runtime/lifecycle.js';
import { createJob } from '../tasks/job.js';
import { throwMessage, throwSignal } from './event-throw.js';

/** Ends its token; terminate ends every token of its scope; error/message/signal/escalation throw first. */
export const endEvent: Behaviour = {
  activate(step, el, node) {
    const t = node.trigger;
    switch (t.kind) {
      case 'terminate':
        for (const sibling of step.childrenOf(el.parentId)) {
          if (sibling.id !== el.id) terminate(step, sibling.id);
        }
        complete(step, el.id);
        return;
      case 'error':
        throwBpmnError(step, el, t.code ?? '', undefined, true);
        return;
      case 'message':
        if (node.job) {
          createJob(step, el, node);
          return;
        }
        throwMessage(step, el, node);
        complete(step, el.id);
        return;
      case 'signal':
        throwSignal(step, el, node);
        complete(step, el.id);
        return;
      case 'escalation':
        throwEscalation(step, el, t.code ?? '');
        return;
      case 'compensation':
        throwCompensation(step, el, node);
        return;
      case 'none':
      case 'timer':
      case 'link':
        complete(step, el.id);
        return;
    }
  },
};
