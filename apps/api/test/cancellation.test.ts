import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Member, MonthlyCycleDriver, planPayload } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Rectification {
  id: string;
  status: string;
  instanceId: string | null;
}
interface Detail {
  rectification: Rectification;
  history: { action: string }[];
}
interface Session {
  id: string;
  status: string;
  instanceId: string | null;
}
interface Batch {
  id: string;
  month: string;
  kind: string;
  cancelledAt: string | null;
}

/**
 * From OD's side: cancelling a flow cancels what it was carrying (a rectification item, a session
 * not yet held), and the monthly spot-check timer finding the month already drawn by hand draws
 * nothing and ends, with no incident.
 */
describe('cancelled flows leave no pending records; the timer draw skips a drawn month', () => {
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

  it('cancelling a rectification’s flow cancels the item, in its history', async () => {
    const secretary = await d.as('d1_secretary');
    const opened = (
      await secretary
        .post('/api/rectifications')
        .send({
          branchId: t.units['D1'],
          title: '考勤不全',
          description: '自查发现',
          severity: 'low',
          dueDate: '2026-03-20',
        })
        .expect(201)
    ).body as Rectification;
    await d.drain();
    const od = await d.as('od_admin');
    const item = ((await od.get(`/api/rectifications/${opened.id}`).expect(200)).body as Detail)
      .rectification;
    expect(item.status).toBe('awaiting_plan');
    await od.post(`/api/instances/${item.instanceId}/cancel`).expect(200);
    const after = (await od.get(`/api/rectifications/${opened.id}`).expect(200)).body as Detail;
    expect(after.rectification.status).toBe('cancelled');
    expect(after.history.map((h) => h.action)).toContain('cancelled');
    expect(await d.inbox(secretary, 'orglife:rectification-plan')).toHaveLength(0);
  });

  it('cancelling a session’s flow before it is held cancels the session', async () => {
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
    await d.submit(committee, (await d.taskFor(committee, 'orglife:plan-approval')).id, {
      decision: 'approve',
    });
    const od = await d.as('od_admin');
    const [session] = (
      await od.get('/api/sessions').query({ orgUnitId: t.units['C1-B1'] }).expect(200)
    ).body as Session[];
    expect(session?.status).toBe('scheduled');
    await od.post(`/api/instances/${session!.instanceId}/cancel`).expect(200);
    const after = (await od.get(`/api/sessions/${session!.id}`).expect(200)).body as Session;
    expect(after.status).toBe('cancelled');
    expect(await d.inbox(secretary, 'orglife:self-study-confirm')).toHaveLength(0);
    const visit = await (
      await d.as('committee_secretary')
    )
      .post('/api/onsite-supervisions')
      .send({ branchId: t.units['C1-B1'], sessionId: session!.id })
      .expect(400);
    expect((visit.body as { errors: unknown[] }).errors).toEqual([
      { field: 'sessionId', message: '该次组织生活已取消' },
    ]);
  });

  it('the monthly timer finding the month already drawn by hand draws nothing, with no incident', async () => {
    const od = await d.as('od_admin');
    await od.post('/api/spot-checks').send({ month: '2026-03', seed: 5 }).expect(201);
    await d.drain();
    // 1 April 09:00 in Beijing: the timer draws March, which OD drew already
    await d.advanceTo('2026-04-01T01:00:30.000Z');
    const admin = await d.as('od_admin');
    const batches = ((await admin.get('/api/spot-checks').expect(200)).body as Batch[]).filter(
      (b) => b.month === '2026-03',
    );
    expect(batches.map((b) => b.kind)).toEqual(['regular']);
    const incidents = (await admin.get('/api/incidents').expect(200)).body as {
      items: { errorMessage?: string }[];
    };
    expect(incidents.items).toEqual([]);
    // the timer's run ended cleanly: no draw job left failing or waiting to retry
    const runs = await t.db.query<{ status: string; failing: number }[]>(
      `SELECT i.status, (SELECT count(*)::int FROM wf_job j
                          WHERE j.instance_id = i.id AND j.last_error IS NOT NULL) AS failing
         FROM wf_instance i WHERE i.process_id = 'spot-check' AND i.started_at >= '2026-04-01T00:00:00Z'`,
    );
    expect(runs).toEqual([{ status: 'completed', failing: 0 }]);
  });
});
