import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobHandlerRegistry } from '../src/workflow/jobs/job-handler.registry.js';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

const MINUTE = 60_000;

describe('job executor', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;
  let executor: JobExecutor;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    od = await t.login('od_admin');
    secretary = await t.login('branch_secretary');
    executor = t.app.get(JobExecutor);
    await deploy(od, 'wf-timer');
    await deploy(od, 'wf-service');
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(
    processId: string,
    variables: Record<string, unknown> = {},
  ): Promise<string> {
    const res = await secretary
      .post('/api/instances')
      .send({ processId, orgUnitId: t.units['C1-B1'], variables })
      .expect(201);
    return res.body.id as string;
  }

  async function openTasks(
    instanceId: string,
  ): Promise<{ element_id: string; assignee: string }[]> {
    return t.db.query(
      `SELECT element_id, assignee FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [instanceId],
    );
  }

  it('fires a timer once the clock reaches its due time, and only then', async () => {
    const instanceId = await start('wf_timer', { initiator: t.people['branch_secretary'] });
    await executor.runDueJobs();
    t.clock.advance(59 * MINUTE);
    expect(await executor.runDueJobs()).toBe(0);
    expect(await openTasks(instanceId)).toEqual([]);

    t.clock.advance(2 * MINUTE);
    expect(await executor.runDueJobs()).toBe(1);
    expect(await openTasks(instanceId)).toEqual([
      { element_id: 'AfterWait', assignee: t.people['branch_secretary'] },
    ]);
    expect(await executor.runDueJobs()).toBe(0);
  });

  it('takes over a job whose executor died once its lock expires', async () => {
    const instanceId = await start('wf_timer', { initiator: t.people['branch_secretary'] });
    const soon = new Date(t.clock.now().getTime() + MINUTE);
    await t.db.query(
      `UPDATE wf_job SET state = 'locked', lock_owner = 'dead-process', lock_expires_at = $2, due_at = now() - interval '1 day'
        WHERE instance_id = $1`,
      [instanceId, soon],
    );
    expect(await executor.runDueJobs()).toBe(0);
    t.clock.advance(MINUTE + 1000);
    expect(await executor.runDueJobs()).toBe(1);
    expect(await openTasks(instanceId)).toHaveLength(1);
  });

  it('retries a failing service task with backoff, raises an incident when retries run out, and retries it on request', async () => {
    let failuresLeft = 2;
    let calls = 0;
    t.app.get(JobHandlerRegistry).register('test.notify', async (job, em) => {
      calls++;
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('mail server unreachable');
      }
      await em.query(
        `INSERT INTO wf_audit (at, actor, action, instance_id, detail) VALUES (now(), 'test', 'notified', $1, '{}')`,
        [job.instanceId],
      );
      return { notified: true };
    });
    const instanceId = await start('wf_service');

    expect(await executor.runDueJobs()).toBe(1);
    expect(calls).toBe(1);
    expect(await executor.runDueJobs()).toBe(0); // waiting out the backoff
    const [retry] = await t.db.query<{ attempts: number; last_error: string }[]>(
      `SELECT attempts, last_error FROM wf_job WHERE instance_id = $1`,
      [instanceId],
    );
    expect(retry).toEqual({ attempts: 1, last_error: 'mail server unreachable' });

    t.clock.advance(5_000);
    expect(await executor.runDueJobs()).toBe(1);
    expect(calls).toBe(2);
    const incidents = await od
      .get(`/api/incidents?status=open&instanceId=${instanceId}`)
      .expect(200);
    expect(incidents.body.total).toBe(1);
    expect(incidents.body.items[0]).toMatchObject({
      elementId: 'Notify',
      processId: 'wf_service',
      status: 'open',
      message: expect.stringContaining('mail server unreachable'),
    });
    t.clock.advance(60 * MINUTE);
    expect(await executor.runDueJobs()).toBe(0);

    const incidentId = incidents.body.items[0].id as string;
    await secretary.post(`/api/incidents/${incidentId}/retry`).expect(403);
    const mine = await secretary.get('/api/incidents').expect(200);
    expect(mine.body.total).toBe(0);
    const retried = await od.post(`/api/incidents/${incidentId}/retry`).expect(200);
    expect(retried.body.status).toBe('resolved');
    await od.post(`/api/incidents/${incidentId}/retry`).expect(409);

    expect(await executor.runDueJobs()).toBe(1);
    expect(calls).toBe(3);
    const instance = await od.get(`/api/instances/${instanceId}`).expect(200);
    expect(instance.body).toMatchObject({ status: 'completed', variables: { notified: true } });
    const [written] = await t.db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM wf_audit WHERE instance_id = $1 AND action = 'notified'`,
      [instanceId],
    );
    expect(Number(written!.n)).toBe(1);
  });

  it('a job carries only the variables its handler names (fetchVariables), not the whole scope', async () => {
    await deploy(od, 'wf-fan-out');
    const seen: unknown[] = [];
    t.app.get(JobHandlerRegistry).register(
      'test.each',
      async (job) => {
        seen.push(job.variables);
      },
      { variables: ['item', 'missing'] },
    );
    const instanceId = await start('wf_fan_out', { items: ['a', 'b'], bulky: 'x'.repeat(10_000) });
    const rows = await t.db.query<{ variables: unknown }[]>(
      `SELECT variables FROM wf_job WHERE instance_id = $1 ORDER BY variables->>'item'`,
      [instanceId],
    );
    expect(rows).toEqual([{ variables: { item: 'a' } }, { variables: { item: 'b' } }]);
    expect(await executor.runDueJobs()).toBe(2);
    expect(seen).toEqual([{ item: 'a' }, { item: 'b' }]);
    const instance = await od.get(`/api/instances/${instanceId}`).expect(200);
    expect(instance.body).toMatchObject({ status: 'completed' });
  });

  it('fires the jobs due together in one transaction, and one failing job neither blocks nor undoes the others', async () => {
    await deploy(od, 'wf-flaky');
    const failing = new Set<string>();
    t.app.get(JobHandlerRegistry).register('test.flaky', async (job) => {
      if (failing.has(job.instanceId ?? '')) throw new Error('archive service unreachable');
      return { archived: true };
    });
    const healthy = [await start('wf_flaky'), await start('wf_flaky')];
    const broken = await start('wf_flaky');
    failing.add(broken);
    const timed = await start('wf_timer', { initiator: t.people['branch_secretary'] });
    t.clock.advance(61 * MINUTE);

    expect(await executor.runDueJobs()).toBe(4);

    for (const id of healthy) {
      const instance = await od.get(`/api/instances/${id}`).expect(200);
      expect(instance.body).toMatchObject({ status: 'completed', variables: { archived: true } });
    }
    expect(await openTasks(timed)).toEqual([
      { element_id: 'AfterWait', assignee: t.people['branch_secretary'] },
    ]);
    const [retry] = await t.db.query<{ attempts: number; last_error: string }[]>(
      `SELECT attempts, last_error FROM wf_job WHERE instance_id = $1`,
      [broken],
    );
    expect(retry).toEqual({ attempts: 1, last_error: 'archive service unreachable' });
  });

  it('starts instances from a timer start event on its cycle, and a new version replaces the schedule', async () => {
    t.clock.set(new Date('2026-03-02T01:30:00.000Z'));
    const v1 = await deploy(od, 'wf-cycle');
    const started = async () =>
      Number(
        (
          await t.db.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM wf_instance WHERE process_id = 'wf_cycle'`,
          )
        )[0]!.n,
      );
    expect(await executor.runDueJobs()).toBe(0);
    t.clock.set(new Date('2026-03-02T02:00:00.000Z'));
    expect(await executor.runDueJobs()).toBe(1);
    expect(await started()).toBe(1);
    const [next] = await t.db.query<{ due_at: Date; definition_id: string }[]>(
      `SELECT due_at, definition_id FROM wf_job WHERE kind = 'start_timer' AND process_id = 'wf_cycle'`,
    );
    expect(next).toEqual({ due_at: new Date('2026-03-02T03:00:00.000Z'), definition_id: v1 });

    const v2 = await deploy(od, 'wf-cycle');
    const jobs = await t.db.query<{ definition_id: string }[]>(
      `SELECT definition_id FROM wf_job WHERE kind = 'start_timer' AND process_id = 'wf_cycle'`,
    );
    expect(jobs).toEqual([{ definition_id: v2 }]);
  });
});
