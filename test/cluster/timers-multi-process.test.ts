import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './support/api-process.js';
import { freshPostgresDatabase, openPostgres, type Database } from './support/database.js';
import { invariantViolations, waitUntil } from './support/invariants.js';
import { inParallel, WorkflowClient } from './support/workflow-client.js';

const serverUrl = process.env.DATABASE_URL;
const TIMERS = 1000;
const HOUR = 3_600_000;

describe.skipIf(!serverUrl)('three API processes on one PostgreSQL', () => {
  const apis: ApiProcess[] = [];
  let db: Database;
  let od: WorkflowClient;

  beforeAll(async () => {
    const url = await freshPostgresDatabase(serverUrl ?? '', 'orglife_cluster_timers');
    const env = { DATABASE_URL: url, SEED: 'true', JOB_POLL_MS: '100', JOB_LOCK_MS: '30000' };
    // The first process migrates and seeds; the others join the ready database.
    apis.push(await startApi({ name: 'timers-1', env }));
    apis.push(...(await Promise.all([2, 3].map((n) => startApi({ name: `timers-${n}`, env })))));
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
});
