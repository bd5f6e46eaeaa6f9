/**
 * On the first day of the month every branch of a university (of a province, on a shared
 * server) starts its plan at once. Each branch's plan starts in a job of its own, so one
 * branch that cannot start holds back no other, and no claim of the job executor grows with
 * the size of the university.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlyCycleDriver } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const MONTH = '2026-03';
const HOUR = 60 * 60 * 1000;
/** Branches whose plan row cannot be written until the cause is removed: one direct, one under C1. */
const FAILING = ['D1', 'C1-B2'];

interface Plan {
  branchId: string;
}
interface Incident {
  id: string;
  processId: string;
  elementId: string;
}

describe('the study content starts each branch’s plan in a job of its own', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  let contentId: string;

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

  const unit = (code: string) => t.units[code]!;
  const od = () => d.as('od_admin');
  const branchesWithPlans = async () =>
    ((await (await od()).get('/api/plans').query({ month: MONTH }).expect(200)).body as Plan[]).map(
      (p) => p.branchId,
    );
  const openIncidents = async () =>
    (
      (await (await od()).get('/api/incidents').query({ status: 'open' }).expect(200)).body as {
        items: Incident[];
      }
    ).items;

  it('a branch whose plan cannot start gets its own incident; the other branches start', async () => {
    await t.db.query(`
      CREATE FUNCTION refuse_plan() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'plan storage unavailable for this branch'; END $$`);
    await t.db.query(
      `CREATE TRIGGER refuse_plan BEFORE INSERT ON monthly_plan FOR EACH ROW
         WHEN (NEW.branch_id IN ('${FAILING.map(unit).join("', '")}')) EXECUTE FUNCTION refuse_plan()`,
    );
    const created = await (
      await od()
    )
      .post('/api/study-contents')
      .send({
        month: MONTH,
        title: '三月学习内容',
        topics: ['学习党章'],
        materials: [],
        attachmentIds: [],
      })
      .expect(201);
    contentId = (created.body as { id: string }).id;
    await d.drain();
    await (await od()).post(`/api/study-contents/${contentId}/publish`).send({}).expect(200);
    await d.drain();
    await (
      await d.as('committee_secretary')
    )
      .post(`/api/study-contents/${contentId}/arrangements`)
      .send({
        committeeId: unit('C1'),
        theme: '立足岗位作贡献',
        arrangement: '20日下午',
        materials: [],
      })
      .expect(200);
    await d.drain();
    for (let attempt = 2; attempt <= 3; attempt++) await d.advance(HOUR); // each retry's backoff

    expect((await branchesWithPlans()).sort()).toEqual(['C1-B1', 'C1-B3'].map(unit).sort());
    const incidents = await openIncidents();
    expect(incidents.map((i) => `${i.processId} ${i.elementId}`).sort()).toEqual([
      'study-content Task_StartBranchPlans',
      'study-content Task_StartDirectBranchPlans',
    ]);
  });

  it('once the cause is gone, retrying the incidents starts those plans and the flow goes on', async () => {
    await t.db.query(`DROP TRIGGER refuse_plan ON monthly_plan`);
    for (const incident of await openIncidents()) {
      await (await od()).post(`/api/incidents/${incident.id}/retry`).send({}).expect(200);
    }
    await d.drain();
    expect(await openIncidents()).toEqual([]);
    expect((await branchesWithPlans()).sort()).toEqual(
      ['C1-B1', 'C1-B2', 'C1-B3', 'D1'].map(unit).sort(),
    );

    // A branch that started its plan by hand meanwhile keeps that one: the group's jobs skip it.
    await (
      await od()
    )
      .post('/api/plans')
      .send({ branchId: unit('C2-B1'), month: MONTH })
      .expect(201);
    await (
      await d.as('c2_secretary')
    )
      .post(`/api/study-contents/${contentId}/arrangements`)
      .send({
        committeeId: unit('C2'),
        theme: '理论武装',
        arrangement: '结合思政课',
        materials: [],
      })
      .expect(200);
    await d.drain();
    expect((await branchesWithPlans()).sort()).toEqual(
      ['C1-B1', 'C1-B2', 'C1-B3', 'C2-B1', 'C2-B2', 'D1'].map(unit).sort(),
    );
    const [byHand] = await t.db.query<{ studyContentId: string | null }[]>(
      `SELECT study_content_id AS "studyContentId" FROM monthly_plan WHERE branch_id = $1`,
      [unit('C2-B1')],
    );
    expect(byHand).toEqual({ studyContentId: null });
    const [flow] = await t.db.query<{ status: string }[]>(
      `SELECT i.status FROM wf_instance i JOIN study_content c ON c.instance_id = i.id
        WHERE c.id = $1`,
      [contentId],
    );
    expect(flow?.status).toBe('completed');
  });
});
