import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlyCycleDriver } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Plan {
  id: string;
  branchId: string;
  status: string;
}
interface Batch {
  id: string;
  month: string;
  kind: string;
  reason: string | null;
  createdAt: string;
  cancelledAt: string | null;
  instanceId: string;
  items: { status: string }[];
}

/** One plan per branch and month, one regular draw per month, nothing left pending behind a cancelled flow. */
describe('no duplicates, no orphans', () => {
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

  const plansOf = async (code: string) =>
    (
      (await (await d.as('od_admin')).get('/api/plans').query({ month: '2026-03' }).expect(200))
        .body as Plan[]
    ).filter((p) => p.branchId === t.units[code]);

  it('a second plan for the same branch and month is refused, naming the existing one', async () => {
    const secretary = await d.as('branch_secretary');
    const first = (
      await secretary
        .post('/api/plans')
        .send({ branchId: t.units['C1-B1'], month: '2026-03' })
        .expect(201)
    ).body as Plan;
    const again = await secretary
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(409);
    expect(again.body).toMatchObject({
      detail: '计算机学院教工第一党支部2026年3月已有月度计划（待起草），不能重复创建',
      existingPlanId: first.id,
    });
    await (
      await d.as('committee_secretary')
    )
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(409);
  });

  it('publishing the month’s study content skips a branch that already has its plan', async () => {
    const od = await d.as('od_admin');
    const content = (
      await od
        .post('/api/study-contents')
        .send({
          month: '2026-03',
          title: '三月学习',
          topics: ['a'],
          materials: [],
          attachmentIds: [],
        })
        .expect(201)
    ).body as { id: string };
    await d.drain();
    await od.post(`/api/study-contents/${content.id}/publish`).send({}).expect(200);
    await d.drain();
    for (const [who, committee] of [
      ['committee_secretary', 'C1'],
      ['c2_secretary', 'C2'],
    ] as const) {
      await (
        await d.as(who)
      )
        .post(`/api/study-contents/${content.id}/arrangements`)
        .send({
          committeeId: t.units[committee],
          theme: '主题',
          arrangement: '安排',
          materials: [],
        })
        .expect(200);
    }
    await d.drain();
    expect(await plansOf('C1-B1')).toHaveLength(1);
    expect(await plansOf('C1-B2')).toHaveLength(1);
    const drafts = await d.inbox(await d.as('branch_secretary'), 'orglife:plan-draft');
    expect(drafts).toHaveLength(1);
  });

  it('a plan whose flow is cancelled is cancelled too, and the branch may start a new one', async () => {
    const [plan] = await plansOf('C1-B2');
    const od = await d.as('od_admin');
    const full = (await od.get(`/api/plans/${plan!.id}`).expect(200)).body as Plan & {
      instanceId: string;
    };
    await od.post(`/api/instances/${full.instanceId}/cancel`).expect(200);
    expect(((await od.get(`/api/plans/${plan!.id}`).expect(200)).body as Plan).status).toBe(
      'cancelled',
    );
    expect(await d.inbox(await d.as('c1b2_secretary'), 'orglife:plan-draft')).toHaveLength(0);
    await (
      await d.as('c1b2_secretary')
    )
      .post('/api/plans')
      .send({ branchId: t.units['C1-B2'], month: '2026-03' })
      .expect(201);
  });

  it('one regular spot check a month; a second only as 追加抽查 with a reason, recorded', async () => {
    const od = await d.as('od_admin');
    await od.post('/api/spot-checks').send({ month: '2026-02', seed: 7 }).expect(201);
    await d.drain();
    const again = await od.post('/api/spot-checks').send({ month: '2026-02' }).expect(409);
    expect((again.body as { detail: string }).detail).toBe(
      '2026-02已有月度抽查（2026-03-02抽取），如需再次抽查请选择“追加抽查”并填写理由',
    );
    const noReason = await od
      .post('/api/spot-checks')
      .send({ month: '2026-02', extra: true })
      .expect(400);
    expect((noReason.body as { errors: unknown[] }).errors).toEqual([
      { field: 'reason', message: '追加抽查请填写理由' },
    ]);
    await od
      .post('/api/spot-checks')
      .send({ month: '2026-02', extra: true, reason: '群众反映个别支部未按时开展' })
      .expect(201);
    await d.drain();
    const batches = (await od.get('/api/spot-checks').expect(200)).body as Batch[];
    expect(
      batches.map((b) => ({ kind: b.kind, reason: b.reason, createdAt: b.createdAt })),
    ).toEqual(
      expect.arrayContaining([
        { kind: 'regular', reason: null, createdAt: '2026-03-02T01:00:00.000Z' },
        {
          kind: 'extra',
          reason: '群众反映个别支部未按时开展',
          createdAt: '2026-03-02T01:00:00.000Z',
        },
      ]),
    );
  });

  it('cancelling a spot check cancels its batch and its pending items; a new regular draw may follow', async () => {
    const od = await d.as('od_admin');
    const regular = ((await od.get('/api/spot-checks').expect(200)).body as Batch[]).find(
      (b) => b.kind === 'regular',
    )!;
    await od.post(`/api/instances/${regular.instanceId}/cancel`).expect(200);
    const after = (await od.get(`/api/spot-checks/${regular.id}`).expect(200)).body as Batch;
    expect(after.cancelledAt).toBe('2026-03-02T01:00:00.000Z');
    expect(after.items.length).toBeGreaterThan(0);
    expect(after.items.every((i) => i.status === 'cancelled')).toBe(true);
    await od.post('/api/spot-checks').send({ month: '2026-02' }).expect(201);
  });
});
