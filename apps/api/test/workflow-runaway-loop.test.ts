import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  type Client,
  type TestApp,
  type TestAppOptions,
} from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

/** A loop with no wait state: start → gateway → script task `=1` → back (condition `=true`). */
describe('a loop with no wait state', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    [od, secretary] = await t.loginAll('od_admin', 'branch_secretary');
    await deploy(od, 'wf-runaway');
  });
  afterAll(async () => {
    await t.close();
  });

  it('is stopped: the start commits with an incident at the element reached, and the server keeps answering', async () => {
    const health = t.http().get('/api/health');
    const started = await secretary
      .post('/api/instances')
      .send({ processId: 'wf_runaway', orgUnitId: t.units['C1-B1'] })
      .expect(201);
    expect((await health).status).toBe(200);
    await t.http().get('/api/health').expect(200);
    const incidents = await od
      .get(`/api/incidents?status=open&instanceId=${started.body.id as string}`)
      .expect(200);
    expect(incidents.body.total).toBe(1);
    expect(incidents.body.items[0]).toMatchObject({
      processId: 'wf_runaway',
      elementId: expect.stringMatching(/^(Again|One)$/),
      message: expect.stringMatching(/after 10,000 element activations in one step/),
    });
    const [instance] = await t.db.query<{ status: string }[]>(
      `SELECT status FROM wf_instance WHERE id = $1`,
      [started.body.id],
    );
    expect(instance?.status).toBe('active');
  });
});

/**
 * The same loop behind a 3 s timer, the server restarted before it is due: the job executor
 * fires it on the new start, the step commits with an incident, and health answers throughout.
 */
describe('a loop with no wait state behind a timer, after a restart', () => {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  let dataDir: string | undefined;
  let schema: string | undefined;
  const boot = (options: TestAppOptions): Promise<TestApp> =>
    createTestApp({
      ...options,
      app: {
        ...options.app,
        ...(dataDir ? { dataDir } : {}),
        ...(schema ? { databaseSchema: schema } : {}),
      },
    });

  beforeAll(async () => {
    if (databaseUrl) {
      schema = `test_runaway_${process.pid}`;
      await sql(databaseUrl, `CREATE SCHEMA ${schema}`);
    } else dataDir = mkdtempSync(join(tmpdir(), 'orglife-runaway-'));
  });
  afterAll(async () => {
    if (databaseUrl && schema) await sql(databaseUrl, `DROP SCHEMA ${schema} CASCADE`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires on the next start, raises the incident and keeps the server responsive', async () => {
    const first = await boot({ app: WORKFLOW_TEST_APP });
    const [od, secretary] = await first.loginAll('od_admin', 'branch_secretary');
    await deploy(od, 'wf-runaway-timer');
    const started = await secretary
      .post('/api/instances')
      .send({ processId: 'wf_runaway_timer', orgUnitId: first.units['C1-B1'] })
      .expect(201);
    const instanceId = started.body.id as string;
    const later = new Date(first.clock.now().getTime() + 60_000);
    await first.close();

    const second = await boot({
      now: later,
      app: {
        ...WORKFLOW_TEST_APP,
        workflow: { workflowsDir: null, jobExecutor: { enabled: true, intervalMs: 20 } },
      },
    });
    try {
      const incidents = async () =>
        second.db.query<{ element_id: string; message: string }[]>(
          `SELECT element_id, message FROM wf_incident WHERE instance_id = $1`,
          [instanceId],
        );
      const deadline = Date.now() + 30_000;
      while ((await incidents()).length === 0 && Date.now() < deadline) {
        const asked = Date.now();
        await second.http().get('/api/health').expect(200);
        expect(Date.now() - asked).toBeLessThan(5_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await incidents()).toEqual([
        {
          element_id: expect.stringMatching(/^(Again|One)$/),
          message: expect.stringMatching(/after 10,000 element activations in one step/),
        },
      ]);
      await second.http().get('/api/health').expect(200);
      const [job] = await second.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM wf_job WHERE instance_id = $1`,
        [instanceId],
      );
      expect(job?.n).toBe(0);
    } finally {
      await second.close();
    }
  });
});

async function sql(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
