import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from '../cluster/support/api-process.js';
import type { Database } from '../cluster/support/database.js';
import { expiredLocks, invariantViolations, waitUntil } from '../cluster/support/invariants.js';
import {
  completeRemainingReviews,
  countCompleted,
  openReviewTasks,
  REVIEW_PROCESS,
  reviewOutcomes,
  startReviews,
} from '../cluster/support/crash-burst.js';
import { WorkflowClient } from '../cluster/support/workflow-client.js';
import { completeThroughFailover } from './failover-burst.js';
import { PgPair } from './pg-pair.js';

const PORTS: [number, number] = [
  Number(process.env.FAILOVER_PORT ?? 55432),
  Number(process.env.FAILOVER_PORT ?? 55432) + 1,
];
const DATABASE = 'orglife';
const INSTANCES = 160;
/** Review instances the read-replica test starts; the failover test completes them too. */
const SEARCHED = 5;
/** The outage between the primary's death and the standby's promotion (failure detection). */
const DETECTION_MS = 1_500;
const METRICS_TOKEN = 'failover-test-scrape-token-0123456789abcdef';

/** One API process's heavy reads so far, by the server that answered (/api/metrics). */
async function heavyReads(baseUrl: string): Promise<{ replica: number; primary: number }> {
  const res = await fetch(`${baseUrl}/api/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await res.text();
  const count = (by: string) =>
    Number(
      new RegExp(`^orglife_heavy_reads_total\\{served_by="${by}"\\} (\\d+)`, 'm').exec(text)?.[1] ??
        NaN,
    );
  return { replica: count('replica'), primary: count('primary') };
}

describe('a PostgreSQL failover under two API processes', () => {
  let pair: PgPair | undefined;
  const apis: ApiProcess[] = [];
  let reviewer: WorkflowClient;

  beforeAll(async () => {
    const started = Date.now();
    const took = (what: string) =>
      console.log(`failover setup: ${what} after ${Date.now() - started} ms`);
    pair = await PgPair.create(PORTS, DATABASE);
    took('primary and synchronous standby ready');
    const hosts = PORTS.map((port) => `127.0.0.1:${port}`).join(',');
    const env = {
      DATABASE_URL: `postgres://postgres@${hosts}/${DATABASE}?target_session_attrs=read-write`,
      SEED: 'true',
      JOB_POLL_MS: '100',
      JOB_LOCK_MS: '3000',
      // The heavy reads go to the standby (and, after the failover, to it as the new primary).
      DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${PORTS[1]}/${DATABASE}`,
      METRICS_TOKEN,
    };
    // The first process migrates and seeds; the second joins the ready database.
    apis.push(await startApi({ name: 'failover-1', env }));
    took('first API process migrated, seeded and healthy');
    apis.push(await startApi({ name: 'failover-2', env }));
    took('second API process healthy');
    reviewer = await WorkflowClient.login(apis[0]!.baseUrl, 'od_admin');
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await pair?.remove();
  });

  it('serves the heavy reads from the standby, and a write is visible to the next read through the other process', async () => {
    await reviewer.deployFixture('cluster-review-timer');
    const orgUnitId = await reviewer.rootUnitId();
    const initiator = await reviewer.myPersonId();
    const [writer, reader] = apis.map((api) => reviewer.on(api.baseUrl));
    const before = await heavyReads(reader!.baseUrl);

    for (let i = 0; i < SEARCHED; i++) {
      // When a user starts an instance through one process and at once searches for it
      // through the other
      const businessKey = `read-your-writes-${i}`;
      await writer!.expect('POST', '/instances', {
        processId: REVIEW_PROCESS,
        orgUnitId,
        businessKey,
        variables: { initiator, fireAt: new Date(Date.now() - 60_000).toISOString() },
      });
      const found = await reader!.expect<{ total: number }>(
        'GET',
        `/instances?businessKey=${businessKey}`,
      );
      // Then the search (served by the standby) sees it
      expect(found.total).toBe(1);
    }
    // and the ledger is read there too
    await reader!.expect('GET', '/ledger/branches');

    const after = await heavyReads(reader!.baseUrl);
    expect(after.replica - before.replica).toBe(SEARCHED + 1);
    expect(after.primary - before.primary).toBe(0);
  });

  it('kill -9 of the primary in a burst of completions and timers: 503s meanwhile, then nothing lost, doubled or left locked', async () => {
    // Given instances at their Review task, whose completion makes a timer due at once
    await startReviews(reviewer, INSTANCES);
    const reviews = await openReviewTasks(reviewer);
    expect(reviews).toHaveLength(INSTANCES + SEARCHED);

    // When both processes complete tasks and fire timers while the primary dies and the
    // standby is promoted
    const burst = await completeThroughFailover({
      clients: apis.map((api) => reviewer.on(api.baseUrl)),
      taskIds: reviews,
      width: 8,
      switchAfter: 50,
      switchOver: async () => {
        pair!.killPrimary();
        const killedAt = Date.now();
        await new Promise((r) => setTimeout(r, DETECTION_MS));
        await pair!.promoteStandby();
        return { killedAt, promotedAt: Date.now() };
      },
    });
    const { killedAt, promotedAt } = burst.switchTimes;
    console.log(
      `failover: promotion ${promotedAt - killedAt} ms after the kill; ` +
        `first completion after it per process: ${JSON.stringify(Object.values(burst.reconnectMs))} ms; ` +
        `${burst.unavailable} answers 503 meanwhile`,
    );

    // Then requests during the switch were refused with 503 + Retry-After, none hung
    expect(burst.unexpected).toEqual([]);
    expect(burst.unavailable).toBeGreaterThan(0);
    expect(burst.withoutRetryAfter).toBe(0);
    // and each process served again within a few seconds of the promotion, by itself
    expect(Object.keys(burst.reconnectMs)).toHaveLength(apis.length);
    for (const ms of Object.values(burst.reconnectMs)) expect(ms).toBeLessThan(10_000);

    // and once the stragglers are done and every timer fired, on the new primary:
    await completeRemainingReviews(reviewer, 4);
    const db: Database = await pair!.openStandby(DATABASE);
    try {
      await waitUntil(
        'every due timer fired, including those claimed when the primary died',
        async () =>
          (await db.query(`SELECT 1 FROM wf_job WHERE process_id = '${REVIEW_PROCESS}' LIMIT 1`))
            .length === 0,
        60_000,
      );
      // every acknowledged completion is there
      expect(await countCompleted(db, burst.acknowledged)).toBe(burst.acknowledged.length);
      // every timer fired exactly once and every instance moved on once
      expect(await reviewOutcomes(db)).toEqual([
        { reviewed: 1, fired: 1, follow_on: 1, instances: INSTANCES + SEARCHED },
      ]);
      // no job failed or stayed locked because the database was away
      expect(await expiredLocks(db, new Date())).toBe(0);
      expect(await db.query(`SELECT id FROM wf_job WHERE state <> 'due'`)).toEqual([]);
      expect(await db.query(`SELECT id, message FROM wf_incident`)).toEqual([]);
      expect(await invariantViolations(db)).toEqual({});
    } finally {
      await db.close();
    }
  });
});
