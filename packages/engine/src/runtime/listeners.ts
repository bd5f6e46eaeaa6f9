/**
 * Execution listeners (start, end) and user task listeners (creating, completing): jobs an
 * element waits for before or after its own work, one after another in model order. What the
 * element does once they are done is up to the lifecycle (runtime/lifecycle.ts).
 */
import type { FlowNode } from '../compile/model.js';
import { emitJob, type JobRetry } from '../tasks/job.js';
import type { ElementInstance, ListenerRun } from './state.js';
import type { Step } from './step.js';

/** Starts the listener `run` names as a job the element waits for; false when there is none. */
export function runListener(
  step: Step,
  el: ElementInstance,
  node: FlowNode,
  run: ListenerRun,
  retry?: JobRetry,
): boolean {
  const def = node.listeners?.[run.event]?.[run.index];
  if (!def) return false;
  emitJob(step, step.update(el.id, { listener: run }), def, retry, run.event);
  return true;
}
