import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './support/api-process.js';
import { freshPostgresDatabase, openPostgres, type Database } from './support/database.js';
import { expiredLocks, invariantViolations, waitUntil } from './support/invariants.js';
import {
  completeRemainingReviews,
  completeUntilCrash,
  countCompleted,
  openReviewTasks,
  REVIEW_PROCESS,
  reviewOutcomes,
  startReviews,
} from './support/crash-burst.js';
import { inParallel, WorkflowClient } from './support/workflow-client.js';

const serverUrl = process.env.DATABASE_URL;
const TIMERS = 1000;
const INSTANCES = 300;
const HOUR = 3_600_000;

describe.skipIf(!serverUrl)('three API processes on one PostgreSQL', () => {
  const apis: ApiProcess[] = [];
  let db: Database;
  let od: WorkflowClient;
  let env: Record<string, string>;

  beforeAll(async () => {
    const url = await freshPostgresDatabase(serverUrl ?? '', 'orglife_cluster');
    env = { DATABASE_URL: url, SEED: 'true', JOB_POLL_MS: '100', JOB_LOCK_MS: '3000' };
    // The first process migrates and seeds; the others join the ready database.
    apis.push(await startApi({ name: 'pg-1', env }));
    apis.push(...(await Promise.all([2, 3].map((n) => startApi({ name: `pg-${n}`, env })))));
    db = await openPostgres(url);
    od = await WorkflowClient.login(apis[0]!.baseUrl, 'od_admin');
  });
  afterAll(async () => {
    await db?.close();
    await Promise.all(apis.map((api) => api.stop()));
  });

  it('fires 1,000 timers falling due at the same instant exactly once each', async () => {
    // Given 1,000 instances waiting on one common instant an hour ahead
    await od.deployFixture('cluster-timer');
    const initiator = await od.myPersonId();
    const orgUnitId = await od.rootUnitId();
    const fireAt = new Date(Date.now() + HOUR).toISOString();
    const clients = apis.map((api) => od.on(api.baseUrl));
    await inParallel(
      Array.from({ length: TIMERS }, (_, i) => i),
      12,
      async (i) => {
        await clients[i % clients.length]!.expect('POST', '/instances', {
          processId: 'cluster_timer',
          orgUnitId,
          variables: { initiator, fireAt },
        });
      },
    );
    const [due] = await db.query<{ n: string; instants: string }>(
      `SELECT count(*) AS n, count(DISTINCT due_at) AS instants FROM wf_job WHERE process_id = 'cluster_timer'`,
    );
    expect(due).toEqual({ n: String(TIMERS), instants: '1' });

    // When every process's clock passes that instant together
    await Promise.all(clients.map((c) => c.advanceClock(HOUR + 60_000)));
    await waitUntil(
      'every timer fired',
      async () =>
        (await db.query(`SELECT 1 FROM wf_job WHERE process_id = 'cluster_timer' LIMIT 1`))
          .length === 0,
      120_000,
    );

    // Then each instance saw its timer complete once and got exactly one follow-on task
    const perInstance = await db.query<{ fired: string; tasks: string; n: string }>(
      `SELECT fired, tasks, count(*) AS n FROM (
         SELECT i.id,
                (SELECT count(*) FROM wf_history h
                  WHERE h.instance_id = i.id AND h.element_id = 'Wait' AND h.kind = 'completed') AS fired,
                (SELECT count(*) FROM wf_task t
                  WHERE t.instance_id = i.id AND t.element_id = 'AfterWait') AS tasks
           FROM wf_instance i WHERE i.process_id = 'cluster_timer') per
        GROUP BY fired, tasks`,
    );
    expect(perInstance).toEqual([{ fired: '1', tasks: '1', n: String(TIMERS) }]);
    expect(await invariantViolations(db)).toEqual({});
  });

  it('after a kill -9 of one process in a burst of completions and timer firings, loses, strands and duplicates nothing', async () => {
    // Given 300 instances at their Review task, whose completion makes a timer due at once
    // (a fresh login: the first test moved the clocks past the earlier token's expiry)
    const reviewer = await WorkflowClient.login(apis[1]!.baseUrl, 'od_admin');
    await startReviews(reviewer, INSTANCES);
    const reviews = await openReviewTasks(reviewer);
    expect(reviews).toHaveLength(INSTANCES);

    // When process 1 is killed -9 while all three complete tasks and fire timers
    const victim = apis[0]!;
    const burst = await completeUntilCrash({
      clients: apis.map((api) => reviewer.on(api.baseUrl)),
      taskIds: reviews,
      victim,
      crashAfter: 100,
      width: 12,
    });
    expect(burst.refused).toEqual([]);
    expect(burst.acknowledged.length).toBeLessThan(INSTANCES);

    // and it is restarted on its port, and the cut-off completions are sent again
    apis[0] = await startApi({
      name: 'pg-1-restarted',
      env,
      port: Number(new URL(victim.baseUrl).port),
    });
    await completeRemainingReviews(reviewer, 8);
    await waitUntil(
      'every due timer fired, including those the dead process had claimed',
      async () =>
        (await db.query(`SELECT 1 FROM wf_job WHERE process_id = '${REVIEW_PROCESS}' LIMIT 1`))
          .length === 0,
      60_000,
    );

    // Then every acknowledged completion is there, every timer fired once, no one is stuck
    expect(await countCompleted(db, burst.acknowledged)).toBe(burst.acknowledged.length);
    expect(await reviewOutcomes(db)).toEqual([
      { reviewed: 1, fired: 1, follow_on: 1, instances: INSTANCES },
    ]);
    expect(await expiredLocks(db, new Date())).toBe(0);
    expect(await invariantViolations(db)).toEqual({});
  });
});
