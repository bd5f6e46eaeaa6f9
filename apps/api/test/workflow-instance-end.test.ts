import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

/** What an instance waits on, counted from its rows. */
interface Waits {
  openTasks: number;
  claimable: number;
  jobs: number;
  subscriptions: number;
}

const NOTHING: Waits = { openTasks: 0, claimable: 0, jobs: 0, subscriptions: 0 };

describe('an ended instance', () => {
  let t: TestApp;
  let secretary: Client;
  let executor: JobExecutor;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    const od = await t.login('od_admin');
    secretary = await t.login('branch_secretary');
    executor = t.app.get(JobExecutor);
    await deploy(od, 'wf-waits');
  });
  afterAll(async () => {
    await t.close();
  });

  /** wf_waits: a candidate-group task with a boundary timer and message, a timer, a decision, an event subprocess. */
  async function startWaiting(caseId: string): Promise<string> {
    const unit = t.units['C1-B1']!;
    const res = await secretary
      .post('/api/instances')
      .send({
        processId: 'wf_waits',
        orgUnitId: unit,
        variables: { orgUnitId: unit, initiator: t.people['branch_secretary'], caseId },
      })
      .expect(201);
    return res.body.id as string;
  }

  async function waitsOf(instanceId: string): Promise<Waits> {
    const [row] = await t.db.query<Record<keyof Waits, string>[]>(
      `SELECT (SELECT count(*) FROM wf_task WHERE instance_id = $1 AND status = 'open') AS "openTasks",
              (SELECT count(DISTINCT c.task_id) FROM wf_task_candidate c JOIN wf_task k ON k.id = c.task_id
                WHERE k.instance_id = $1) AS claimable,
              (SELECT count(*) FROM wf_job WHERE instance_id = $1) AS jobs,
              (SELECT count(*) FROM wf_subscription WHERE instance_id = $1) AS subscriptions`,
      [instanceId],
    );
    return {
      openTasks: Number(row!.openTasks),
      claimable: Number(row!.claimable),
      jobs: Number(row!.jobs),
      subscriptions: Number(row!.subscriptions),
    };
  }

  async function openTask(instanceId: string, elementId: string): Promise<string> {
    const [row] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND element_id = $2 AND status = 'open'`,
      [instanceId, elementId],
    );
    return row!.id;
  }

  async function statusOf(instanceId: string): Promise<string> {
    return (await secretary.get(`/api/instances/${instanceId}`).expect(200)).body.status as string;
  }

  it('waits on tasks, the claimable index, timers and subscriptions while it runs', async () => {
    const instanceId = await startWaiting('running');
    expect(await waitsOf(instanceId)).toEqual({
      openTasks: 2,
      claimable: 1,
      jobs: 2,
      subscriptions: 2,
    });
  });

  it('leaves nothing waiting once it completes', async () => {
    const instanceId = await startWaiting('completes');
    const review = await openTask(instanceId, 'Review');
    await secretary.post(`/api/tasks/${review}/claim`).expect(200);
    await secretary.post(`/api/tasks/${review}/complete`).send({}).expect(200);
    t.clock.advance(61 * 60_000);
    await executor.runDueJobs();
    const decide = await openTask(instanceId, 'Decide');
    await secretary
      .post(`/api/tasks/${decide}/complete`)
      .send({ variables: { stop: false } })
      .expect(200);

    expect(await statusOf(instanceId)).toBe('completed');
    expect(await waitsOf(instanceId)).toEqual(NOTHING);
  });

  it('leaves nothing waiting once a terminate end event ends it', async () => {
    const instanceId = await startWaiting('terminates');
    const decide = await openTask(instanceId, 'Decide');
    await secretary
      .post(`/api/tasks/${decide}/complete`)
      .send({ variables: { stop: true } })
      .expect(200);

    expect(await statusOf(instanceId)).not.toBe('active');
    expect(await waitsOf(instanceId)).toEqual(NOTHING);
  });

  it('leaves nothing waiting once it is cancelled', async () => {
    const instanceId = await startWaiting('cancelled');
    await secretary.post(`/api/instances/${instanceId}/cancel`).expect(200);

    expect(await statusOf(instanceId)).toBe('terminated');
    expect(await waitsOf(instanceId)).toEqual(NOTHING);
  });
});
