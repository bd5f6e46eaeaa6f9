import { evaluateDecision } from '../decisions/evaluate-decision.js';
import { evaluateExpr } from '../feel/expression.js';
import { raiseIncident } from '../runtime/incidents.js';
import { complete } from '../runtime/lifecycle.js';
import type { Behaviour } from '../runtime/step.js';
import { visibleVariables } from '../runtime/variables.js';
import { createJob } from './job.js';

/**
 * Evaluates its DMN decision (zeebe:calledDecision) into the result variable, or runs as a job
 * (zeebe:taskDefinition) like a service task. A decision that is not deployed or fails to
 * evaluate stops the task with an incident.
 */
export const businessRuleTask: Behaviour = {
  activate(step, el, node) {
    const call = node.decision;
    if (!call) {
      createJob(step, el, node);
      return;
    }
    const variables = visibleVariables(step, el.id);
    const id = evaluateExpr(call.decisionId, variables, step.now);
    if (!id.ok || typeof id.value !== 'string' || id.value === '') {
      const why = id.ok ? `decision id ${call.decisionId.source} did not give a text` : id.message;
      raiseIncident(step, el, why, 'activate');
      return;
    }
    const result = evaluateDecision(step.decisions, id.value, variables, step.now);
    if (!result.ok) {
      raiseIncident(step, el, result.message, 'activate');
      return;
    }
    complete(step, el.id, { [call.resultVariable]: result.value });
  },
};
