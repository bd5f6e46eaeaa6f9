import { evaluateExpr } from '../feel/expression.js';
import type { Behaviour } from '../runtime/step.js';
import { raiseIncident } from '../runtime/incidents.js';
import { visibleVariables } from '../runtime/variables.js';

/**
 * Asks the caller to start a child instance (`callActivityStarted`) and waits for
 * completeCallActivity or failCallActivity.
 */
export const callActivity: Behaviour = {
  activate(step, el, node) {
    const call = node.call;
    if (!call) return;
    const variables = visibleVariables(step, el.id);
    const processId = evaluateExpr(call.processId, variables, step.now);
    if (!processId.ok || typeof processId.value !== 'string' || processId.value === '') {
      const why = processId.ok
        ? `called process id ${call.processId.source} did not give a text`
        : processId.message;
      raiseIncident(step, el, why, 'activate');
      return;
    }
    step.emit({
      type: 'callActivityStarted',
      call: {
        elementInstanceId: el.id,
        elementId: node.id,
        calledProcessId: processId.value,
        version: call.version,
        ...(call.versionTag ? { versionTag: call.versionTag } : {}),
        variables,
      },
    });
  },
};
