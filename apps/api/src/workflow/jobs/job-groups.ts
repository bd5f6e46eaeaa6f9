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
    const key = instanceKey(job);
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

/**
 * `transactionGroups` in lanes: groups that share an instance in one lane, to run one after
 * the other (side by side the second would only wait for the first's lock on the instance).
 */
export function transactionLanes(jobs: readonly WorkflowJob[], size: number): WorkflowJob[][][] {
  const lanes: WorkflowJob[][][] = [];
  let previous: Set<string> = new Set();
  for (const group of transactionGroups(jobs, size)) {
    const instances = new Set(group.map(instanceKey));
    const lane = lanes.at(-1);
    if (lane && [...instances].some((key) => previous.has(key))) lane.push(group);
    else lanes.push([group]);
    previous = instances;
  }
  return lanes;
}

/** The instances a lane's transactions lock. */
export function laneInstances(lane: readonly WorkflowJob[][]): string[] {
  return [...new Set(lane.flat().flatMap((job) => (job.instanceId ? [job.instanceId] : [])))];
}

function instanceKey(job: WorkflowJob): string {
  return job.instanceId ?? job.id;
}
