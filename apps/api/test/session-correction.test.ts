import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
  type Member,
  MonthlyCycleDriver,
  planPayload,
} from './support/monthly-cycle.driver.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Problem {
  detail: string;
  errors?: { field: string; message: string }[];
}
interface Correction {
  reason: string;
  correctedBy: string;
  correctedAt: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}
interface SessionView {
  id: string;
  heldAt: string;
  attendance: { personId: string; status: string }[];
  speeches: { personId: string }[];
  corrections: Correction[];
  correction: { allowed: boolean; until: string | null };
  people: Record<string, string>;
}
interface MemberRow {
  personId: string;
  exchangeSpeeches: number;
  leaves: number;
  absences: number;
}

/**
 * 更正 from the officers' side: the branch secretary corrects a recorded session within the set
 * days (7), the committee at any time, each with a reason; the corrected record obeys the rules
 * of recording, keeps before/after, who and when, and the ledger follows.
 */
describe('更正 of a recorded session', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  let members: Member[];
  let sessionId: string;

  const branch = () => t.units['C1-B1']!;
  const view = async (who: Client) =>
    (await who.get(`/api/sessions/${sessionId}`).expect(200)).body as SessionView;
  const memberRow = async (personId: string) => {
    const res = await (await d.as('branch_secretary'))
      .get('/api/ledger/members')
      .query({ orgUnitId: branch() })
      .expect(200);
    return (res.body as { rows: MemberRow[] }).rows.find((r) => r.personId === personId)!;
  };
  const attendance = (overrides: Record<string, string> = {}) =>
    members.map((m) =>
      overrides[m.id]
        ? { personId: m.id, status: overrides[m.id], reason: '临时出差' }
        : { personId: m.id, status: 'present' },
    );

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-03-02T01:00:00.000Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    d = new MonthlyCycleDriver(t);
    const secretary = await d.as('branch_secretary');
    await secretary.post('/api/plans').send({ branchId: branch(), month: '2026-03' }).expect(201);
    await d.drain();
    const draft = await d.taskFor(secretary, 'orglife:plan-draft');
    ({ members } = await d.formContext<{ members: Member[] }>(secretary, draft.id));
    await d.submit(secretary, draft.id, planPayload(members, '2026-03-20T06:30:00.000Z'));
    const committee = await d.as('committee_secretary');
    await d.submit(committee, (await d.taskFor(committee, 'orglife:plan-approval')).id, {
      decision: 'approve',
    });
    await d.advanceTo('2026-03-20T08:00:00.000Z');
    const recorder = await d.as('branch_secretary');
    const record = await d.taskFor(recorder, 'orglife:session-record');
    await d.submit(recorder, record.id, {
      heldAt: '2026-03-20T06:30:00.000Z',
      attendance: attendance(),
      segments: ['study', 'report', 'decide'].map((key) => ({
        key,
        ownerId: members[0]!.id,
        record: '记录',
      })),
      speeches: [{ personId: members[1]!.id, topic: '学习体会' }],
      lectures: [],
      reports: [],
      decisions: [],
      attachments: [],
    });
    const sessions = (await recorder
      .get('/api/sessions')
      .query({ month: '2026-03', orgUnitId: branch() })
      .expect(200)).body as { id: string }[];
    sessionId = sessions[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the branch secretary may correct for 7 days after recording; a member or another branch may not', async () => {
    const own = await view(await d.as('branch_secretary'));
    expect(own.correction).toEqual({ allowed: true, until: '2026-03-27T08:00:00.000Z' });
    expect((await view(await d.as('committee_secretary'))).correction).toEqual({
      allowed: true,
      until: null,
    });
    for (const who of ['member', 'c1b2_secretary']) {
      const res = await (await d.as(who))
        .post(`/api/sessions/${sessionId}/corrections`)
        .send({ reason: '误填', heldAt: '2026-03-19T06:30:00.000Z' });
      expect(res.status, who).toBe(403);
    }
  });

  it('a correction needs a reason and obeys the rules of recording, naming the field', async () => {
    const secretary = await d.as('branch_secretary');
    const post = (body: object) =>
      secretary.post(`/api/sessions/${sessionId}/corrections`).send(body);
    let res = await post({ heldAt: '2026-03-19T06:30:00.000Z' });
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors).toEqual([
      { field: 'reason', message: '请填写更正理由' },
    ]);
    res = await post({ reason: '日期填错', heldAt: '2026-02-27T06:30:00.000Z' });
    expect((res.body as Problem).errors).toEqual([
      { field: 'heldAt', message: '召开时间须在2026年3月内' },
    ]);
    res = await post({ reason: '日期填错', heldAt: '2026-03-25T06:30:00.000Z' });
    expect((res.body as Problem).errors).toEqual([
      { field: 'heldAt', message: '召开时间不能晚于当前时间' },
    ]);
    // Marking the speaker absent while the speech stays credited to them is refused.
    res = await post({ reason: '考勤登记错误', attendance: attendance({ [members[1]!.id]: 'absent' }) });
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors).toEqual([
      { field: 'speeches.0.personId', message: `${members[1]!.name} 本次缺席，不能记为交流发言` },
    ]);
    res = await post({ reason: '补总结', summary: '总结' });
    expect((res.body as Problem).errors).toEqual([
      { field: 'summary', message: '尚未提交总结，不能更正总结' },
    ]);
    res = await post({ reason: '无变化', speeches: [{ personId: members[1]!.id, topic: '学习体会' }] });
    expect((res.body as Problem).errors).toEqual([
      { field: 'record', message: '更正内容与原记录相同，无需更正' },
    ]);
    expect((await view(secretary)).corrections).toEqual([]);
  });

  it('a correction keeps before/after, who and when, and the ledger follows it', async () => {
    const speaker = members[1]!;
    expect(await memberRow(speaker.id)).toMatchObject({ exchangeSpeeches: 1, leaves: 0 });
    await d.advance(DAY);
    const secretary = await d.as('branch_secretary');
    await secretary
      .post(`/api/sessions/${sessionId}/corrections`)
      .send({
        reason: '该同志当天请假，发言记错了人',
        attendance: attendance({ [speaker.id]: 'leave' }),
        speeches: [{ personId: members[2]!.id, topic: '学习体会' }],
      })
      .expect(201);
    const after = await view(secretary);
    expect(after.attendance.find((a) => a.personId === speaker.id)?.status).toBe('leave');
    expect(after.speeches.map((s) => s.personId)).toEqual([members[2]!.id]);
    expect(after.corrections).toHaveLength(1);
    const [c] = after.corrections;
    expect(c).toMatchObject({
      reason: '该同志当天请假，发言记错了人',
      correctedAt: '2026-03-21T08:00:00.000Z',
      before: { speeches: [{ personId: speaker.id, topic: '学习体会', content: null }] },
      after: { speeches: [{ personId: members[2]!.id, topic: '学习体会', content: null }] },
    });
    expect(Object.keys(c!.after).sort()).toEqual(['attendance', 'speeches']);
    expect(after.people[c!.correctedBy]).toBe('陈晓东');
    expect(await memberRow(speaker.id)).toMatchObject({ exchangeSpeeches: 0, leaves: 1 });
    expect(await memberRow(members[2]!.id)).toMatchObject({ exchangeSpeeches: 1 });
    const print = await secretary.get(`/api/sessions/${sessionId}/print`).expect(200);
    expect(print.text).toContain('该同志当天请假，发言记错了人');
  });

  it('after 7 days only the committee corrects, and not another committee', async () => {
    await d.advanceTo('2026-03-28T09:00:00.000Z');
    const secretary = await d.as('branch_secretary');
    expect((await view(secretary)).correction).toEqual({
      allowed: false,
      until: '2026-03-27T08:00:00.000Z',
    });
    const late = await secretary
      .post(`/api/sessions/${sessionId}/corrections`)
      .send({ reason: '时间填错', heldAt: '2026-03-20T07:00:00.000Z' });
    expect(late.status).toBe(403);
    expect((late.body as Problem).detail).toBe(
      '记录已超过7天更正期限（2026-03-27），请由二级党组织更正',
    );
    await (await d.as('c2_secretary'))
      .post(`/api/sessions/${sessionId}/corrections`)
      .send({ reason: '时间填错', heldAt: '2026-03-20T07:00:00.000Z' })
      .expect(403);
    await (await d.as('committee_secretary'))
      .post(`/api/sessions/${sessionId}/corrections`)
      .send({ reason: '时间填错', heldAt: '2026-03-20T07:00:00.000Z' })
      .expect(201);
    const final = await view(secretary);
    expect(final.heldAt).toBe('2026-03-20T07:00:00.000Z');
    expect(final.corrections.map((c) => c.before)).toEqual([
      expect.anything(),
      { heldAt: '2026-03-20T06:30:00.000Z' },
    ]);
  });
});
