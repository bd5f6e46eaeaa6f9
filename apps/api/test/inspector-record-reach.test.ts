/**
 * Issue 14 point 5, from the inspector's side: one policy for a branch's record and everything
 * that leads to it. An inspector (督查人员, on the university) reads a branch's records only through
 * supervision while the branch is under inspection; the plan, its process instance (in the list
 * too), variables, history, tasks, comments and files of any other branch stay closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Page<T> {
  items: T[];
  total: number;
}
type InstanceRow = { id: string; orgUnitId: string | null };

describe('an inspector reaches no branch record, by id or through a list', () => {
  let t: TestApp;
  let inspector: Client;
  let committee: Client;
  let instanceId: string;
  let planId: string;
  let taskId: string;
  let attachmentId: string;
  let branchLevel: Set<string>;

  beforeAll(async () => {
    t = await createTestApp({
      app: { demoMonth: true, workflow: { jobExecutor: { enabled: false } } },
    });
    let branch: Client;
    [inspector, committee, branch] = await t.loginAll(
      'inspector',
      'committee_secretary',
      'c1b2_secretary',
    );
    const [plan] = await t.db.query<{ id: string; instanceId: string }[]>(
      `SELECT id, instance_id AS "instanceId" FROM monthly_plan WHERE branch_id = $1`,
      [t.units['C1-B2']],
    );
    planId = plan!.id;
    instanceId = plan!.instanceId;
    const [task] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [instanceId],
    );
    taskId = task!.id;
    const upload = await branch
      .post('/api/attachments')
      .field('orgUnitId', t.units['C1-B2']!)
      .attach('file', Buffer.from('%PDF-1.4 minutes'), {
        filename: 'minutes.pdf',
        contentType: 'application/pdf',
      })
      .expect(201);
    attachmentId = (upload.body as { id: string }).id;
    const units = await t.db.query<{ id: string }[]>(
      `SELECT id FROM org_unit WHERE type IN ('branch', 'group')`,
    );
    branchLevel = new Set(units.map((u) => u.id));
  });
  afterAll(async () => {
    await t?.close();
  });

  const instances = async (client: Client, query: Record<string, string> = {}) =>
    (
      await client
        .get('/api/instances')
        .query({ pageSize: '100', ...query })
        .expect(200)
    ).body as Page<InstanceRow>;

  it('lists no instance of a branch (the committee secretary sees them)', async () => {
    const ofBranch = { orgUnitId: t.units['C1-B2']! };
    expect((await instances(committee, ofBranch)).items.map((i) => i.id)).toContain(instanceId);
    expect(await instances(inspector, ofBranch)).toEqual({ items: [], total: 0 });
    expect(await instances(inspector, { processId: 'monthly-plan' })).toEqual({
      items: [],
      total: 0,
    });
    const all = await instances(inspector);
    expect(all.items.filter((i) => i.orgUnitId && branchLevel.has(i.orgUnitId))).toEqual([]);
  });

  it('still lists the instances of units above branches', async () => {
    const [above] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM wf_instance i JOIN org_unit u ON u.id = i.org_unit_id
        WHERE u.type NOT IN ('branch', 'group')`,
    );
    expect(above!.n).toBeGreaterThan(0);
    expect((await instances(inspector)).total).toBe(above!.n);
  });

  it('refuses the instance, its variables and history, its task, form and comments, the plan and its files', async () => {
    for (const path of [
      `/api/instances/${instanceId}`,
      `/api/instances/${instanceId}/history`,
      `/api/tasks/${taskId}`,
      `/api/tasks/${taskId}/comments`,
      `/api/task-forms/${taskId}`,
      `/api/plans/${planId}`,
      `/api/attachments/${attachmentId}`,
      `/api/attachments/${attachmentId}/content`,
    ]) {
      await committee.get(path).expect(200);
      const res = await inspector.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
  });

  it("shows none of the branch's plans, sessions or tasks in the lists", async () => {
    const plans = (await inspector.get('/api/plans').expect(200)).body as { id: string }[];
    expect(plans.map((p) => p.id)).not.toContain(planId);
    const sessions = (await inspector.get('/api/sessions').expect(200)).body as unknown[];
    expect(sessions).toEqual([]);
    for (const tab of ['mine', 'claimable', 'done']) {
      const inbox = (await inspector.get('/api/tasks').query({ tab }).expect(200)).body as Page<{
        instanceId: string;
      }>;
      expect(inbox.items.map((i) => i.instanceId)).not.toContain(instanceId);
    }
  });
});
