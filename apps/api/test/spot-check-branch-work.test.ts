import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Task {
  id: string;
  processId: string;
  elementId: string;
  orgUnitId: string | null;
  formKey: string | null;
  variables: Record<string, unknown>;
}

/**
 * A finding opens its branch's rectification at once, addressed to that branch, while the
 * inspector still has other branches to check; OD's notice runs beside it.
 */
describe('spot check: each sampled branch’s work goes ahead on its own', () => {
  let t: TestApp;
  let od: Client;
  let inspector: Client;
  const drain = async () => {
    const executor = t.app.get(JobExecutor);
    while ((await executor.runDueJobs()) > 0);
  };
  const open = async (who: Client, processId: string) => {
    const page = (
      await who.get('/api/tasks').query({ tab: 'claimable', processId, pageSize: 100 }).expect(200)
    ).body as { items: { id: string }[] };
    return Promise.all(
      page.items.map(async (i) => (await who.get(`/api/tasks/${i.id}`).expect(200)).body as Task),
    );
  };
  const SECRETARY: Record<string, string> = {
    'C1-B1': 'branch_secretary',
    'C1-B2': 'c1b2_secretary',
    'C1-B3': 'c1b3_secretary',
    'C2-B1': 'c2b1_secretary',
    'C2-B2': 'c2b2_secretary',
    D1: 'd1_secretary',
  };
  const codeOf = (id: string) => Object.entries(t.units).find(([, v]) => v === id)?.[0] ?? '';
  const branchOf = (task: Task) => (task.variables['sample'] as { branchId: string }).branchId;

  beforeAll(async () => {
    t = await createTestApp({ app: { workflow: { jobExecutor: { enabled: false } } } });
    od = await t.login('od_admin');
    inspector = await t.login('inspector');
    await od.post('/api/spot-checks').send({ seed: 777, month: '2026-02' }).expect(201);
    await drain();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('files each inspection under the sampled branch, titled by it so the inbox tells them apart', async () => {
    const inspections = await open(inspector, 'spot-check');
    expect(inspections).toHaveLength(3);
    for (const task of inspections) expect(task.orgUnitId).toBe(branchOf(task));
    const names = await t.db.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM org_unit WHERE id = ANY($1::uuid[])`,
      [inspections.map(branchOf)],
    );
    const listed = (
      await inspector
        .get('/api/tasks')
        .query({ tab: 'claimable', processId: 'spot-check', pageSize: 100 })
        .expect(200)
    ).body as { items: { name: string }[] };
    expect(listed.items.map((i) => i.name).sort()).toEqual(
      names.map((n) => `督查：${n.name}`).sort(),
    );
  });

  it('hands the branch its rectification plan and OD the notice while other branches are still unchecked', async () => {
    const [first, ...others] = await open(inspector, 'spot-check');
    const branchId = branchOf(first!);
    await inspector
      .post(`/api/task-forms/${first!.id}`)
      .send({
        outcome: 'findings',
        notes: '签到表缺失',
        recommendNotice: true,
        findings: [
          {
            title: '考勤无签到表',
            description: '2月集中组织生活无签到表',
            severity: 'low',
            dueDate: '2026-03-20',
          },
        ],
      })
      .expect(200);
    await drain();

    // The other two branches are still waiting for the inspector …
    expect((await open(inspector, 'spot-check')).map((task) => task.id).sort()).toEqual(
      others.map((task) => task.id).sort(),
    );
    // … and the finding's branch already has its rectification plan, addressed to it.
    const secretary = await t.login(SECRETARY[codeOf(branchId)]!);
    const [plan] = await open(secretary, 'rectification');
    expect(plan).toMatchObject({ formKey: 'orglife:rectification-plan', orgUnitId: branchId });
    // OD's notice on that branch runs beside it.
    const [notice] = await open(od, 'spot-check');
    expect(notice).toMatchObject({ formKey: 'orglife:spot-check-notice', orgUnitId: branchId });
    const context = (await od.get(`/api/task-forms/${notice!.id}`).expect(200)).body as {
      context: { items: { branchId: string }[] };
    };
    expect(context.context.items.map((i) => i.branchId)).toEqual([branchId]);
    await od
      .post(`/api/task-forms/${notice!.id}`)
      .send({ title: '关于考勤问题的通报', content: '……' })
      .expect(200);
    await secretary.post(`/api/task-forms/${plan!.id}`).send({ plan: '补齐签到表' }).expect(200);
  });
});
