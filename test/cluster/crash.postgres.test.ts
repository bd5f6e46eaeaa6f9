import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './support/api-process.js';
import {
  completeUntilCrash,
  countCompleted,
  openReviewTasks,
  REVIEW_PROCESS,
  reviewOutcomes,
  startReviews,
} from './support/crash-burst.js';
import { freshPostgresDatabase, openPostgres, type Database } from './support/database.js';
import { expiredLocks, invariantViolations, waitUntil } from './support/invariants.js';
import { inParallel, WorkflowClient } from './support/workflow-client.js';

const serverUrl = process.env.DATABASE_URL;
const INSTANCES = 300;

describe.skipIf(!serverUrl)('kill -9 of one of three API processes on PostgreSQL', () => {
  const apis: ApiProcess[] = [];
  let env: Record<string, string>;
  let db: Database;

  beforeAll(async () => {
    const url = await freshPostgresDatabase(serverUrl ?? '', 'orglife_cluster_crash');
    env = { DATABASE_URL: url, SEED: 'true', JOB_POLL_MS: '100', JOB_LOCK_MS: '3000' };
    apis.push(await startApi({ name: 'crash-1', env }));
    apis.push(...(await Promise.all([2, 3].map((n) => startApi({ name: `crash-${n}`, env })))));
    db = await openPostgres(url);
  });
  afterAll(async () => {
    await db?.close();
    await Promise.all(apis.map((api) => api.stop()));
  });

  it('loses, strands and duplicates nothing across a crash in a burst of completions and timer firings', async () => {
    // Given 300 instances at their Review task, whose completion makes a timer due at once
    const od = await WorkflowClient.login(apis[1]!.baseUrl, 'od_admin');
    await startReviews(od, INSTANCES);
    const reviews = await openReviewTasks(od);
    expect(reviews).toHaveLength(INSTANCES);

    // When process 1 is killed -9 while all three complete tasks and fire timers
    const victim = apis[0]!;
    const burst = await completeUntilCrash({
      clients: apis.map((api) => od.on(api.baseUrl)),
      taskIds: reviews,
      victim,
      crashAfter: 100,
      width: 12,
    });
    expect(burst.refused).toEqual([]);
    expect(burst.acknowledged.length).toBeLessThan(INSTANCES);

    // and it is restarted on its port, and the cut-off completions are sent again
    apis[0] = await startApi({
      name: 'crash-1-restarted',
      env,
      port: Number(new URL(victim.baseUrl).port),
    });
    await inParallel(await openReviewTasks(od), 8, async (id) => {
      await od.expect('POST', `/tasks/${id}/complete`, { variables: {} });
    });
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
