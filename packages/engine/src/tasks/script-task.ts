import type { Behaviour } from '../runtime/step.js';
import { evaluateExpr } from '../feel/expression.js';
import { raiseIncident } from '../runtime/incidents.js';
import { complete } from '../runtime/lifecycle.js';
import { visibleVariables } from '../runtime/variables.js';
import { createJob } from './job.js';

/** Evaluates its FEEL expression into the result variable (or runs as a job when it has one). */
export const scriptTask: Behaviour = {
  activate(step, el, node) {
    if (!node.script) {
      createJob(step, el, node);
      return;
    }
    const result = evaluateExpr(node.script.expression, visibleVariables(step, el.id), step.now);
    if (!result.ok) {
      raiseIncident(step, el, result.message, 'activate');
      return;
    }
    const name = node.script.resultVariable;
    complete(step, el.id, name ? { [name]: result.value } : undefined);
  },
};
