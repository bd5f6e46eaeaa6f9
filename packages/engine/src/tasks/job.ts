/** Jobs: the work a service-like task hands to a worker (service, send, business rule, script). */
import type { FlowNode } from '../compile/model.js';
import { evaluateExpr } from '../feel/expression.js';
import { raiseIncident } from '../runtime/incidents.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';
import { visibleVariables } from '../runtime/variables.js';

export function createJob(step: Step, el: ElementInstance, node: FlowNode, retries?: number): void {
  const job = node.job;
  if (!job) return;
  const variables = visibleVariables(step, el.id);
  const type = evaluateExpr(job.type, variables, step.now);
  if (!type.ok || typeof type.value !== 'string' || type.value === '') {
    const why = type.ok ? `job type ${job.type.source} did not give a text` : type.message;
    raiseIncident(step, el, why, 'activate');
    return;
  }
  let count = retries;
  if (count === undefined) {
    const configured = evaluateExpr(job.retries, variables, step.now);
    count = configured.ok ? Number(configured.value) : NaN;
    if (!Number.isInteger(count) || count < 0) {
      raiseIncident(
        step,
        el,
        `job retries ${job.retries.source} is not a whole number`,
        'activate',
      );
      return;
    }
  }
  const jobId = step.nextId();
  step.update(el.id, { jobId, retries: count });
  step.emit({
    type: 'jobCreated',
    job: {
      id: jobId,
      elementId: el.elementId,
      type: type.value,
      retries: count,
      headers: job.headers,
      variables,
    },
  });
}
