import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Member, MonthlyCycleDriver, planPayload } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Problem {
  errors: { field: string; message: string }[];
}

/**
 * Every date an officer enters is checked against what it means; the refusal names the field in
 * Chinese. The clock starts on Monday 2 March 2026, 09:00 in Beijing.
 */
describe('dates are checked against their meaning', () => {
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

  const refusal = async (req: PromiseLike<{ status: number; body: unknown }>) => {
    const res = await req;
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    return (res.body as Problem).errors;
  };

  it('a plan is for a month not yet over, and its session falls in that month and ahead', async () => {
    const secretary = await d.as('branch_secretary');
    expect(
      await refusal(
        secretary.post('/api/plans').send({ branchId: t.units['C1-B1'], month: '2026-02' }),
      ),
    ).toEqual([{ field: 'month', message: '月份已过去，请选择2026年3月或之后的月份' }]);
    await secretary
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(201);
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft');
    const { members } = await d.formContext<{ members: Member[] }>(secretary, draft.id);
    const submit = (plannedAt: string) =>
      secretary.post(`/api/task-forms/${draft.id}`).send(planPayload(members, plannedAt));
    expect(await refusal(submit('2026-04-02T06:00:00.000Z'))).toEqual([
      { field: 'plannedAt', message: '计划召开时间须在2026年3月内' },
    ]);
    expect(await refusal(submit('2026-03-01T06:00:00.000Z'))).toEqual([
      { field: 'plannedAt', message: '计划召开时间须晚于当前时间' },
    ]);
    await d.submit(secretary, draft.id, planPayload(members, '2026-03-20T06:30:00.000Z'));
    const committee = await d.as('committee_secretary');
    const approval = await d.taskFor(committee, 'orglife:plan-approval');
    await d.submit(committee, approval.id, { decision: 'approve' });
  });

  it('a session is recorded as held within its month and not in the future', async () => {
    await d.advanceTo('2026-03-20T07:00:00.000Z');
    const secretary = await d.as('branch_secretary');
    const record = await d.taskFor(secretary, 'orglife:session-record');
    const { members } = await d.formContext<{ members: Member[] }>(secretary, record.id);
    const payload = (heldAt: string) => ({
      heldAt,
      attendance: members.map((m) => ({ personId: m.id, status: 'present' })),
      segments: ['study', 'report', 'decide'].map((key) => ({
        key,
        ownerId: members[0]!.id,
        record: '记录',
      })),
      speeches: [],
      lectures: [],
      reports: [],
      decisions: [],
      attachments: [],
    });
    const post = (heldAt: string) =>
      secretary.post(`/api/task-forms/${record.id}`).send(payload(heldAt));
    expect(await refusal(post('2026-02-27T06:30:00.000Z'))).toEqual([
      { field: 'heldAt', message: '召开时间须在2026年3月内' },
    ]);
    expect(await refusal(post('2026-03-25T06:30:00.000Z'))).toEqual([
      { field: 'heldAt', message: '召开时间不能晚于当前时间' },
    ]);
    await d.submit(secretary, record.id, payload('2026-03-20T06:30:00.000Z'));
  });

  it('a rectification falls due after today, whoever raises it', async () => {
    const d1 = await d.as('d1_secretary');
    const finding = {
      branchId: t.units['D1'],
      title: '考勤不全',
      description: '自查发现',
      severity: 'low',
    };
    expect(
      await refusal(d1.post('/api/rectifications').send({ ...finding, dueDate: '2026-01-20' })),
    ).toEqual([{ field: 'dueDate', message: '整改期限须晚于今天（2026-03-20）' }]);
    expect(
      await refusal(d1.post('/api/rectifications').send({ ...finding, dueDate: '2026-03-20' })),
    ).toEqual([{ field: 'dueDate', message: '整改期限须晚于今天（2026-03-20）' }]);

    const leader = await d.as('committee_secretary');
    await leader.post('/api/onsite-supervisions').send({ branchId: t.units['C1-B2'] }).expect(201);
    await d.drain();
    const onsite = await d.taskFor(leader, 'orglife:onsite-supervision-record');
    expect(
      await refusal(
        leader.post(`/api/task-forms/${onsite.id}`).send({
          attendedOn: '2026-03-27',
          guidance: '议的环节要充分发言',
          findings: [{ ...finding, branchId: undefined, dueDate: '2026-03-01' }],
        }),
      ),
    ).toEqual([
      { field: 'attendedOn', message: '督导日期不能晚于今天（2026-03-20）' },
      { field: 'findings.0.dueDate', message: '问题第1项的整改期限须晚于今天（2026-03-20）' },
    ]);
  });

  it('an on-site supervision of a session is dated the day that session was held', async () => {
    const leader = await d.as('committee_secretary');
    const [session] = (
      await leader.get('/api/sessions').query({ orgUnitId: t.units['C1-B1'] }).expect(200)
    ).body as { id: string }[];
    await leader
      .post('/api/onsite-supervisions')
      .send({ branchId: t.units['C1-B1'], sessionId: session!.id })
      .expect(201);
    await d.drain();
    const onsite = await d.taskFor(leader, 'orglife:onsite-supervision-record', t.units['C1-B1']);
    const post = (attendedOn: string) =>
      leader
        .post(`/api/task-forms/${onsite.id}`)
        .send({ attendedOn, guidance: '议的环节要充分发言' });
    expect(await refusal(post('2026-03-19'))).toEqual([
      { field: 'attendedOn', message: '督导日期须为该次组织生活的召开日期（2026-03-20）' },
    ]);
    await post('2026-03-20').expect(200);
  });

  it('a spot check looks at a month that has begun; study content is for a month not yet over', async () => {
    const od = await d.as('od_admin');
    expect(await refusal(od.post('/api/spot-checks').send({ month: '2026-04' }))).toEqual([
      { field: 'month', message: '月份尚未开始，请选择2026年3月或之前的月份' },
    ]);
    expect(
      await refusal(
        od.post('/api/study-contents').send({
          month: '2026-02',
          title: '二月学习',
          topics: ['a'],
          materials: [],
          attachmentIds: [],
        }),
      ),
    ).toEqual([{ field: 'month', message: '月份已过去，请选择2026年3月或之后的月份' }]);
    expect(await refusal(od.post('/api/inspections').send({ year: 2027 }))).toEqual([
      { field: 'year', message: '年度尚未开始，请选择2026年或之前' },
    ]);
  });
});
