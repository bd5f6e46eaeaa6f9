import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobClaimer } from '../src/workflow/jobs/job.claimer.js';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import {
  laneInstances,
  transactionGroups,
  transactionLanes,
} from '../src/workflow/jobs/job-groups.js';
import type { WorkflowJob } from '../src/workflow/jobs/job.entity.js';
import { JobHandlerRegistry } from '../src/workflow/jobs/job-handler.registry.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

describe('job executor fairness', () => {
  let t: TestApp;
  let secretary: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    const [od, s] = await t.loginAll('od_admin', 'branch_secretary');
    secretary = s;
    await deploy(od, 'wf-fan-out');
    t.app.get(JobHandlerRegistry).register('test.each', async () => ({}));
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(items: number[]): Promise<string> {
    const res = await secretary
      .post('/api/instances')
      .send({ processId: 'wf_fan_out', orgUnitId: t.units['C1-B1'], variables: { items } })
      .expect(201);
    return res.body.id as string;
  }

  it('gives every instance with due jobs a turn in a batch, however many one instance has due before them', async () => {
    const busy = await start(Array.from({ length: 30 }, (_, i) => i));
    t.clock.advance(1_000);
    const quiet = await start([1]);
    t.clock.advance(1_000);

    const batch = await t.app.get(JobClaimer).claim('fairness-test', t.clock.now(), 60_000, 10);
    const byInstance = (id: string) => batch.filter((job) => job.instanceId === id).length;
    expect(batch).toHaveLength(10);
    expect(byInstance(quiet)).toBe(1);
    expect(byInstance(busy)).toBe(9);
    await t.db.query(`UPDATE wf_job SET state = 'due', lock_owner = NULL, lock_expires_at = NULL`);

    // what a worker claims while another worker steps the busy instance
    const besides = await t.app
      .get(JobClaimer)
      .claim('fairness-test', t.clock.now(), 60_000, 10, [busy]);
    expect(besides.map((job) => job.instanceId)).toEqual([quiet]);
    await t.db.query(`UPDATE wf_job SET state = 'due', lock_owner = NULL, lock_expires_at = NULL`);

    expect(await t.app.get(JobExecutor).runDueJobs()).toBe(31);
    const ended = await t.db.query<{ status: string }[]>(
      `SELECT status FROM wf_instance WHERE id = ANY($1) ORDER BY status`,
      [[busy, quiet]],
    );
    expect(ended).toEqual([{ status: 'completed' }, { status: 'completed' }]);
  });

  it('takes jobs whose executor died first, then due jobs up to its limit, each job whole', async () => {
    const instance = await start([1, 2, 3, 4, 5, 6]);
    t.clock.advance(1_000);
    const now = t.clock.now();
    await t.db.query(
      `UPDATE wf_job SET state = 'locked', lock_owner = 'dead-process', lock_expires_at = $2
        WHERE id IN (SELECT id FROM wf_job WHERE instance_id = $1 ORDER BY id LIMIT 3)`,
      [instance, new Date(now.getTime() - 1)],
    );
    const batch = await t.app.get(JobClaimer).claim('fairness-test', now, 60_000, 5);
    expect(batch).toHaveLength(5);
    const owners = await t.db.query<{ lock_owner: string; n: number }[]>(
      `SELECT lock_owner, count(*)::int AS n FROM wf_job WHERE instance_id = $1 GROUP BY 1 ORDER BY 1`,
      [instance],
    );
    expect(owners).toEqual([
      { lock_owner: 'fairness-test', n: 5 },
      { lock_owner: null, n: 1 },
    ]);
    expect(batch[0]).toMatchObject({
      instanceId: instance,
      state: 'locked',
      lockOwner: 'fairness-test',
      dueAt: expect.any(Date) as Date,
      lockExpiresAt: new Date(now.getTime() + 60_000),
    });
    await t.db.query(`UPDATE wf_job SET state = 'due', lock_owner = NULL, lock_expires_at = NULL`);
    await t.app.get(JobExecutor).runDueJobs();
  });
});

describe('groups of jobs fired in one transaction', () => {
  const job = (id: string, instanceId: string | null) => ({ id, instanceId }) as WorkflowJob;
  // a claim takes the instances' first jobs, then their second ones… (fair batching)
  const claim = [
    job('a1', 'A'),
    job('b1', 'B'),
    job('s1', null),
    job('a2', 'A'),
    job('b2', 'B'),
    job('a3', 'A'),
    job('b3', 'B'),
  ];

  it("keeps each instance's jobs together, in the claim's order, so groups of different instances run side by side", () => {
    const ids = (groups: WorkflowJob[][]) => groups.map((g) => g.map((j) => j.id));
    expect(ids(transactionGroups(claim, 3))).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'b3'],
      ['s1'],
    ]);
    expect(ids(transactionGroups(claim, 2))).toEqual([
      ['a1', 'a2'],
      ['a3', 'b1'],
      ['b2', 'b3'],
      ['s1'],
    ]);
  });

  it('puts groups that share an instance in one lane, to run one after the other', () => {
    const lanes = transactionLanes(claim, 2);
    expect(lanes.map((lane) => lane.map((g) => g.map((j) => j.id)))).toEqual([
      [
        ['a1', 'a2'],
        ['a3', 'b1'],
        ['b2', 'b3'],
      ],
      [['s1']],
    ]);
    expect(lanes.map(laneInstances)).toEqual([['A', 'B'], []]);
    expect(transactionLanes(claim, 3).map((lane) => lane.length)).toEqual([1, 1, 1]);
  });
});
