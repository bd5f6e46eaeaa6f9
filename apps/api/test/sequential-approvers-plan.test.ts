/**
 * 后加签 on a domain form (issue 19 point 2): the committee's plan approval is held while the
 * organizer added after the secretary acts; when they agree, the held form goes through as the
 * committee secretary's (the review row is theirs, the plan is approved and the flow moves on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Member, MonthlyCycleDriver, planPayload } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('后加签 on the plan approval form', () => {
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

  it('holds the approval until the organizer agrees, then approves the plan as the secretary', async () => {
    const secretary = await d.as('branch_secretary');
    const created = await secretary
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(201);
    const planId = created.body.id as string;
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft');
    const { members } = await d.formContext<{ members: Member[] }>(secretary, draft.id);
    await d.submit(secretary, draft.id, planPayload(members, '2026-03-20T06:30:00.000Z'));

    const committee = await d.as('committee_secretary');
    const approval = await d.taskFor(committee, 'orglife:plan-approval');
    await committee.post(`/api/tasks/${approval.id}/claim`).expect(200);
    await committee
      .post(`/api/tasks/${approval.id}/added-approvers`)
      .send({ assignee: t.people['organizer'], position: 'after', reason: '请组织员把关' })
      .expect(200);
    await d.submit(committee, approval.id, { decision: 'approve', comment: '同意' });
    const held = await committee.get(`/api/plans/${planId}`).expect(200);
    expect(held.body.status).toBe('submitted');

    const organizer = await d.as('organizer');
    const view = (await organizer.get(`/api/tasks/${approval.id}`).expect(200)).body;
    expect(view).toMatchObject({ addedStep: 'after_acting', actions: { actAsAdded: true } });
    await organizer
      .post(`/api/tasks/${approval.id}/added-approval`)
      .send({ approved: true, comment: '安排合理' })
      .expect(200);
    await d.drain();
    const approved = await committee.get(`/api/plans/${planId}`).expect(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.reviews).toEqual([
      expect.objectContaining({
        decision: 'approve',
        comment: '同意',
        reviewerId: t.people['committee_secretary'],
      }),
    ]);
  });
});
