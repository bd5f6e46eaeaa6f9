import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlyCycleDriver } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Row {
  id: string;
  status: string;
  instanceId: string | null;
}
interface Inspection extends Row {
  year: number;
  committeeId: string;
}

/**
 * From OD's and a committee leader's side: a study content, an on-site supervision and the year's
 * inspection never stay "draft"/"pending" behind a cancelled flow, a cancelled draft frees its
 * month, and a year is inspected once (by hand or by the 1 November timer, not both).
 */
describe('study content, on-site supervision and inspection follow their flow; one inspection a year', () => {
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

  const content = { title: '三月学习', topics: ['a'], materials: [], attachmentIds: [] };

  it('cancelling a draft study content’s flow cancels the draft, and the month can be drafted again', async () => {
    const od = await d.as('od_admin');
    const draft = (
      await od
        .post('/api/study-contents')
        .send({ ...content, month: '2026-03' })
        .expect(201)
    ).body as Row;
    await od
      .post('/api/study-contents')
      .send({ ...content, month: '2026-03' })
      .expect(409);
    await od.post(`/api/instances/${draft.instanceId}/cancel`).expect(200);
    const after = (await od.get(`/api/study-contents/${draft.id}`).expect(200)).body as {
      content: Row;
    } & Row;
    expect(after.content?.status ?? after.status).toBe('cancelled');
    await od
      .post('/api/study-contents')
      .send({ ...content, month: '2026-03' })
      .expect(201);
  });

  it('cancelling an on-site supervision’s flow before it is recorded cancels the visit and its task', async () => {
    const leader = await d.as('committee_secretary');
    const visit = (
      await leader.post('/api/onsite-supervisions').send({ branchId: t.units['C1-B2'] }).expect(201)
    ).body as Row;
    await d.drain();
    expect(await d.inbox(leader, 'orglife:onsite-supervision-record')).toHaveLength(1);
    await (await d.as('od_admin')).post(`/api/instances/${visit.instanceId}/cancel`).expect(200);
    const listed = (await leader.get('/api/onsite-supervisions').expect(200)).body as Row[];
    expect(listed.find((v) => v.id === visit.id)?.status).toBe('cancelled');
    expect(await d.inbox(leader, 'orglife:onsite-supervision-record')).toHaveLength(0);
  });

  it('the year is inspected once: a second start is 409, a cancelled one frees the year, the timer adds nobody', async () => {
    const od = await d.as('od_admin');
    const first = (await od.post('/api/inspections').send({ year: 2026 }).expect(201)).body as {
      instanceId: string;
    };
    await d.drain();
    const again = await od.post('/api/inspections').send({}).expect(409);
    expect(again.body).toMatchObject({
      detail: '2026年度调研督查已发起，不能重复发起',
      existingInstanceId: first.instanceId,
    });
    await od.post(`/api/instances/${first.instanceId}/cancel`).expect(200);
    const cancelled = (await od.get('/api/inspections').query({ year: 2026 }).expect(200))
      .body as Inspection[];
    expect(cancelled.map((i) => i.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);

    const second = (await od.post('/api/inspections').send({ year: 2026 }).expect(201)).body as {
      instanceId: string;
    };
    await d.drain();
    t.clock.set(new Date('2026-11-01T00:30:00.000Z'));
    await d.drain();
    const all = (await (await d.as('od_admin')).get('/api/inspections').query({ year: 2026 }))
      .body as Inspection[];
    const runs = await t.db.query<{ status: string }[]>(
      `SELECT status FROM wf_instance WHERE process_id = 'annual-inspection' ORDER BY status`,
    );
    expect(runs.map((r) => r.status)).toEqual(['active', 'completed', 'terminated']);
    const live = all.filter((i) => i.status !== 'cancelled');
    expect(live).toHaveLength(3);
    expect(new Set(live.map((i) => i.instanceId))).toEqual(new Set([second.instanceId]));
    expect(await d.inbox(await d.as('inspector'), 'orglife:annual-inspection')).toHaveLength(3);
  });
});
