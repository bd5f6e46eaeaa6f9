import type { WorkflowJob } from './job.entity.js';

/**
 * A claim's jobs in groups of at most `size`, one transaction each, every instance's jobs
 * together and in the claim's order. A group locks each instance it touches for its whole
 * transaction, so groups of different instances run side by side, where groups each holding a
 * few jobs of the same instances would wait on one another.
 */
export function transactionGroups(jobs: readonly WorkflowJob[], size: number): WorkflowJob[][] {
  const ofInstance = new Map<string, WorkflowJob[]>();
  for (const job of jobs) {
    const key = job.instanceId ?? job.id;
    const list = ofInstance.get(key);
    if (list) list.push(job);
    else ofInstance.set(key, [job]);
  }
  const ordered = [...ofInstance.values()].flat();
  const groups: WorkflowJob[][] = [];
  const step = Math.max(size, 1);
  for (let i = 0; i < ordered.length; i += step) groups.push(ordered.slice(i, i + step));
  return groups;
}
