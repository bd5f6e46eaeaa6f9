import type { ApiProcess } from './api-process.js';
import type { Database } from './database.js';
import { inParallel, type WorkflowClient } from './workflow-client.js';

export const REVIEW_PROCESS = 'cluster_review_timer';

/** Starts `count` instances waiting on their Review task; their timer is already due. */
export async function startReviews(od: WorkflowClient, count: number): Promise<void> {
  await od.deployFixture('cluster-review-timer');
  const initiator = await od.myPersonId();
  const orgUnitId = await od.rootUnitId();
  const fireAt = new Date(Date.now() - 60_000).toISOString();
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    8,
    async () => {
      await od.expect('POST', '/instances', {
        processId: REVIEW_PROCESS,
        orgUnitId,
        variables: { initiator, fireAt },
      });
    },
  );
}

/**
 * The open Review tasks, read through the inbox of the user who started them. Timers firing
 * meanwhile add follow-on tasks to the same tab, which shifts later pages: a task can show up
 * on two pages, so the ids are de-duplicated.
 */
export async function openReviewTasks(client: WorkflowClient): Promise<string[]> {
  const ids = new Set<string>();
  for (let page = 1; ; page++) {
    const { items } = await client.expect<{ items: { id: string; elementId: string }[] }>(
      'GET',
      `/tasks?tab=mine&processId=${REVIEW_PROCESS}&page=${page}&pageSize=100`,
    );
    for (const task of items) if (task.elementId === 'Review') ids.add(task.id);
    if (items.length < 100) return [...ids];
  }
}

/**
 * Completes every Review task still open, `width` at a time, until the inbox has none left
 * (a task shifted past the last page while the tab was read shows up on the next round).
 */
export async function completeRemainingReviews(
  client: WorkflowClient,
  width: number,
): Promise<void> {
  for (let open = await openReviewTasks(client); open.length > 0;) {
    await inParallel(open, width, async (id) => {
      await client.expect('POST', `/tasks/${id}/complete`, { variables: {} });
    });
    open = await openReviewTasks(client);
  }
}

export interface BurstResult {
  /** Completions answered 200 — the API promised these are durable. */
  acknowledged: string[];
  /** Requests cut off by the crash (their outcome is unknown to the caller). */
  cutOff: number;
  /** Answers other than 200 before the crash: none expected. */
  refused: string[];
}

/**
 * Completes tasks `width` at a time, spread over `clients`, and SIGKILLs `victim` once
 * `crashAfter` completions were acknowledged. Each completion makes the instance's timer
 * due, so the executors are firing timers while the process dies.
 */
export async function completeUntilCrash(options: {
  clients: WorkflowClient[];
  taskIds: string[];
  victim: ApiProcess;
  crashAfter: number;
  width: number;
}): Promise<BurstResult> {
  const result: BurstResult = { acknowledged: [], cutOff: 0, refused: [] };
  let crash: Promise<void> | undefined;
  let turn = 0;
  await inParallel(options.taskIds, options.width, async (taskId) => {
    const client = options.clients[turn++ % options.clients.length]!;
    if (crash && client.baseUrl === options.victim.baseUrl) return;
    try {
      const reply = await client.send('POST', `/tasks/${taskId}/complete`, { variables: {} });
      if (reply.status === 200) result.acknowledged.push(taskId);
      else if (!crash) result.refused.push(`${taskId}: HTTP ${reply.status}`);
    } catch {
      result.cutOff++;
    }
    if (!crash && result.acknowledged.length >= options.crashAfter) crash = options.victim.crash();
  });
  await crash;
  return result;
}

/** Per instance of the review process: completed reviews, timer firings, follow-on tasks. */
export async function reviewOutcomes(db: Database): Promise<Record<string, number>[]> {
  const rows = await db.query<Record<string, string>>(
    `SELECT reviewed, fired, follow_on, count(*) AS instances FROM (
       SELECT (SELECT count(*) FROM wf_task t WHERE t.instance_id = i.id
                 AND t.element_id = 'Review' AND t.status = 'completed') AS reviewed,
              (SELECT count(*) FROM wf_history h WHERE h.instance_id = i.id
                 AND h.element_id = 'Wait' AND h.kind = 'completed') AS fired,
              (SELECT count(*) FROM wf_task t WHERE t.instance_id = i.id
                 AND t.element_id = 'AfterWait' AND t.status = 'open') AS follow_on
         FROM wf_instance i WHERE i.process_id = '${REVIEW_PROCESS}') per
      GROUP BY reviewed, fired, follow_on`,
  );
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
}

export async function countCompleted(db: Database, taskIds: string[]): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM wf_task WHERE id = ANY($1) AND status = 'completed'`,
    [taskIds],
  );
  return Number(row?.n ?? 0);
}
