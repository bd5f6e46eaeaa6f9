/** Jobs: the work a service-like task hands to a worker (service, send, business rule, script). */
import type { IsoDateTime, ListenerEvent } from '../contract.js';
import type { FlowNode, JobDef } from '../compile/model.js';
import { evaluateExpr } from '../feel/expression.js';
import { raiseIncident } from '../runtime/incidents.js';
import type { ElementInstance } from '../runtime/state.js';
import type { Step } from '../runtime/step.js';
import { visibleVariables } from '../runtime/variables.js';

/** A job handed out again after a failure: its retries left, failures so far, when it is due. */
export interface JobRetry {
  retries: number;
  failures: number;
  dueAt?: IsoDateTime;
}

export function createJob(step: Step, el: ElementInstance, node: FlowNode, retry?: JobRetry): void {
  if (node.job) emitJob(step, el, node.job, retry);
}

/**
 * Hands a job to a worker: the element's own, or (`listener`) one of its listeners. An incident
 * at the element when its type or retries do not evaluate.
 */
export function emitJob(
  step: Step,
  el: ElementInstance,
  job: Omit<JobDef, 'headers'> & { headers?: JobDef['headers'] },
  retry?: JobRetry,
  listener?: ListenerEvent,
): void {
  const variables = visibleVariables(step, el.id);
  const type = evaluateExpr(job.type, variables, step.now);
  if (!type.ok || typeof type.value !== 'string' || type.value === '') {
    const why = type.ok ? `job type ${job.type.source} did not give a text` : type.message;
    raiseIncident(step, el, why, listener ? 'listener' : 'activate');
    return;
  }
  let count = retry?.retries;
  if (count === undefined) {
    const configured = evaluateExpr(job.retries, variables, step.now);
    count = configured.ok ? Number(configured.value) : NaN;
    if (!Number.isInteger(count) || count < 0) {
      raiseIncident(
        step,
        el,
        `job retries ${job.retries.source} is not a whole number`,
        listener ? 'listener' : 'activate',
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
      headers: job.headers ?? {},
      variables,
      ...(listener ? { listener } : {}),
      ...(retry?.failures ? { failures: retry.failures } : {}),
      ...(retry?.dueAt ? { dueAt: retry.dueAt } : {}),
    },
  });
}
