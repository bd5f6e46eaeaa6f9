/**
 * 批量审批 (issue 19 point 11): a committee approves in one action the monthly plans that pass
 * every rule, each shown against its branch's plan of the month before; a plan with a warning is
 * refused in the batch (it is handled one by one), and so is a task that is not the caller's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Member, MonthlyCycleDriver, planPayload } from './support/monthly-cycle.driver.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Item {
  taskId: string;
  branchName: string;
  plan: { id: string; branchId: string; topic: string };
  previous: { month: string; topic: string } | null;
  changes: string[];
  warnings: { code: string; message: string }[];
  people: { id: string; name: string }[];
}
interface Result {
  taskId: string;
  planId: string | null;
  approved: boolean;
  reason: string | null;
}

describe('批量审批 of monthly plans', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  let committee: Client;
  const planIds: Record<string, string> = {};

  async function submitPlan(secretaryName: string, branch: string): Promise<void> {
    const secretary = await d.as(secretaryName);
    const created = await secretary
      .post('/api/plans')
      .send({ branchId: t.units[branch], month: '2026-03' })
      .expect(201);
    planIds[branch] = created.body.id as string;
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft', t.units[branch]);
    const { members } = await d.formContext<{ members: Member[] }>(secretary, draft.id);
    await d.submit(secretary, draft.id, planPayload(members, '2026-03-20T06:30:00.000Z'));
  }

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-03-02T01:00:00.000Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    d = new MonthlyCycleDriver(t);
    committee = await d.as('committee_secretary');
    // C1-B1's February plan: another topic and place, on another day and hour
    await t.db.query(
      `INSERT INTO monthly_plan (branch_id, committee_id, month, status, topic, planned_at, place,
         meeting_types, segments, activity, revision, approved_at)
       SELECT id, parent_id, '2026-02', 'approved', '二月主题', '2026-02-12T07:00:00Z', '会议室',
              ARRAY['member_assembly','party_lecture'], '[]'::jsonb, NULL, 1, '2026-02-05T00:00:00Z'
         FROM org_unit WHERE id = $1`,
      [t.units['C1-B1']],
    );
    await submitPlan('branch_secretary', 'C1-B1');
    await submitPlan('c1b2_secretary', 'C1-B2');
    // C1-B2 is marked weak after submitting: its plan needs the committee's own look
    await committee.put(`/api/branches/${t.units['C1-B2']}/weak`).send({ weak: true }).expect(204);
  });
  afterAll(async () => {
    await t?.close();
  });

  const preview = async (who: Client) =>
    (await who.get('/api/plan-approvals/batch').expect(200)).body as Item[];
  const approve = async (who: Client, taskIds: string[]) =>
    (await who.post('/api/plan-approvals/batch').send({ taskIds }).expect(200)).body as Result[];
  const itemOf = (items: Item[], branch: string) =>
    items.find((i) => i.plan.branchId === t.units[branch]);

  it("lists the committee's open plan approvals, each against the month before, with its warnings", async () => {
    const items = await preview(committee);
    const b1 = itemOf(items, 'C1-B1')!;
    expect(b1.previous).toMatchObject({ month: '2026-02', topic: '二月主题' });
    expect(b1.changes).toEqual(['topic', 'plannedAt', 'place', 'segments', 'activity']);
    expect(b1.warnings).toEqual([]);
    expect(b1.people.length).toBeGreaterThan(0);
    const b2 = itemOf(items, 'C1-B2')!;
    expect(b2.previous).toBeNull();
    expect(b2.warnings.map((w) => w.code)).toEqual(['weakBranch']);
    expect(b2.warnings[0]!.message).toBe('组织能力较弱的党支部，请逐一审核');

    // another committee sees none of them
    const other = await d.as('c2_secretary');
    expect(itemOf(await preview(other), 'C1-B1')).toBeUndefined();
  });

  it('refuses a task of another committee, and leaves the plan as it was', async () => {
    const b1 = itemOf(await preview(committee), 'C1-B1')!;
    const other = await d.as('c2_secretary');
    const [result] = await approve(other, [b1.taskId]);
    expect(result).toMatchObject({ taskId: b1.taskId, approved: false });
    expect(result!.reason).toContain('无权');
    const plan = await committee.get(`/api/plans/${planIds['C1-B1']}`).expect(200);
    expect(plan.body.status).toBe('submitted');
  });

  it('approves the plans that pass every rule and reports why the others were refused', async () => {
    const items = await preview(committee);
    const b1 = itemOf(items, 'C1-B1')!;
    const b2 = itemOf(items, 'C1-B2')!;
    const results = await approve(committee, [b1.taskId, b2.taskId]);
    await d.drain();
    expect(results).toEqual([
      { taskId: b1.taskId, planId: planIds['C1-B1'], approved: true, reason: null },
      {
        taskId: b2.taskId,
        planId: planIds['C1-B2'],
        approved: false,
        reason: expect.stringContaining('组织能力较弱的党支部，请逐一审核'),
      },
    ]);
    expect(results[1]!.reason).toContain(b2.branchName);

    const approved = await committee.get(`/api/plans/${planIds['C1-B1']}`).expect(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.reviews).toEqual([
      expect.objectContaining({ decision: 'approve', reviewerId: t.people['committee_secretary'] }),
    ]);
    const kept = await committee.get(`/api/plans/${planIds['C1-B2']}`).expect(200);
    expect(kept.body).toMatchObject({ status: 'submitted', reviews: [] });

    const plan = await committee.get(`/api/plans/${planIds['C1-B1']}`).expect(200);
    const trail = (await committee.get(`/api/instances/${plan.body.instanceId}/trail`).expect(200))
      .body as { action: string; taskId: string | null; actor: string }[];
    expect(trail).toContainEqual(
      expect.objectContaining({ action: 'task.batch-approved', taskId: b1.taskId }),
    );
    const audit = await t.db.query(
      `SELECT actor FROM wf_audit WHERE action = 'task.batch-approved' AND task_id = $1`,
      [b1.taskId],
    );
    expect(audit).toEqual([{ actor: t.people['committee_secretary'] }]);

    // the approved plan leaves the list; the one with a warning stays, to be handled on its own
    const left = await preview(committee);
    expect(itemOf(left, 'C1-B1')).toBeUndefined();
    expect(itemOf(left, 'C1-B2')).toBeTruthy();
  });

  it('refuses the same batch a second time: the plan is already approved', async () => {
    const [done] = (await t.db.query(
      `SELECT id FROM wf_task WHERE form_key = 'orglife:plan-approval' AND status = 'completed'`,
    )) as { id: string }[];
    const [again] = await approve(committee, [done!.id]);
    expect(again).toMatchObject({ taskId: done!.id, approved: false });
    expect(again!.reason).toContain('任务已办结');
    const count = await t.db.query(
      `SELECT count(*)::int AS n FROM plan_review WHERE plan_id = $1`,
      [planIds['C1-B1']],
    );
    expect(count).toEqual([{ n: 1 }]);
  });

  it('is for plan approvers only, and needs at least one plan', async () => {
    const member = await d.as('member');
    await member.get('/api/plan-approvals/batch').expect(403);
    const empty = await committee
      .post('/api/plan-approvals/batch')
      .send({ taskIds: [] })
      .expect(400);
    expect(JSON.stringify(empty.body)).toContain('请至少选择一份计划');
  });
});
