import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Member, MonthlyCycleDriver, planPayload } from './support/monthly-cycle.driver.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface InboxItem {
  formKey: string | null;
  dueAt: string | null;
}

/** An approver filtering 待办 by "only overdue" finds the approvals they let slip. */
describe('approval tasks carry their due date from the flow', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-03-02T01:00:00.000Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    d = new MonthlyCycleDriver(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const overdue = async (who: Client) =>
    (
      (
        await who
          .get('/api/tasks')
          .query({ tab: 'claimable', overdue: true, pageSize: 100 })
          .expect(200)
      ).body as { items: InboxItem[] }
    ).items.map((i) => i.formKey);

  it('a plan approval is due three days after it arrives (the model’s reminder period)', async () => {
    const secretary = await d.as('branch_secretary');
    await secretary
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(201);
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft');
    const { members } = await d.formContext<{ members: Member[] }>(secretary, draft.id);
    await d.submit(secretary, draft.id, planPayload(members, '2026-03-20T06:30:00.000Z'));
    const committee = await d.as('committee_secretary');
    const approval = await d.taskFor(committee, 'orglife:plan-approval');
    expect((approval as unknown as InboxItem).dueAt).toBe('2026-03-05T01:00:00.000Z');
    expect(await overdue(committee)).toEqual([]);
    await d.advanceTo('2026-03-06T01:00:00.000Z');
    expect(await overdue(await d.as('committee_secretary'))).toEqual(['orglife:plan-approval']);
  });

  it('a rectification review is due when the item is', async () => {
    const d1 = await d.as('d1_secretary');
    await d1
      .post('/api/rectifications')
      .send({
        branchId: t.units['D1'],
        title: '考勤不全',
        description: '自查发现',
        severity: 'low',
        dueDate: '2026-03-10',
      })
      .expect(201);
    await d.drain();
    const plan = await d.taskFor(d1, 'orglife:rectification-plan');
    await d.submit(d1, plan.id, { plan: '补齐考勤' });
    const od = await d.as('od_admin');
    const review = await d.taskFor(od, 'orglife:rectification-plan-review');
    expect((review as unknown as InboxItem).dueAt).toBe('2026-03-10T15:59:59.999Z');
    await d.advanceTo('2026-03-11T01:00:00.000Z');
    expect(await overdue(await d.as('od_admin'))).toContain('orglife:rectification-plan-review');
  });
});
