import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlyCycleDriver, planPayload, type Member } from './support/monthly-cycle.driver.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Problem {
  detail: string;
  errors: { field: string; message: string }[];
}

/** What a branch secretary and their committee read when a form is refused. */
describe('validation messages: Chinese, in the users’ terms, one per problem', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  let secretary: Client;
  let draftTaskId: string;
  let members: Member[];

  beforeAll(async () => {
    t = await createTestApp({ app: { workflow: { jobExecutor: { enabled: false } } } });
    d = new MonthlyCycleDriver(t);
    secretary = await d.as('branch_secretary');
    await secretary
      .post('/api/plans')
      .send({ branchId: t.units['C1-B1'], month: '2026-03' })
      .expect(201);
    await d.drain();
    draftTaskId = (await d.taskFor(secretary, 'orglife:plan-draft')).id;
    members = (await d.formContext<{ members: Member[] }>(secretary, draftTaskId)).members;
  });
  afterAll(async () => {
    await t?.close();
  });

  const refused = async (req: PromiseLike<{ status: number; body: unknown }>) => {
    const res = await req;
    expect(res.status).toBe(400);
    return res.body as Problem;
  };

  it('names each bad field once, in Chinese, without ids or constraint names', async () => {
    const payload = planPayload(members, '2026-03-20T06:00:00.000Z');
    const body = await refused(
      secretary.post(`/api/task-forms/${draftTaskId}`).send({
        ...payload,
        topic: '',
        segments: [{ ...payload.segments[0]!, ownerId: 'abc' }, ...payload.segments.slice(1)],
      }),
    );
    expect(body.errors).toEqual([
      { field: 'topic', message: '请填写主题' },
      { field: 'segments.0.ownerId', message: '请从列表中选择环节第1项的负责人' },
    ]);
    expect(body.detail).toBe('请填写主题; 请从列表中选择环节第1项的负责人');
  });

  it('names a person who is not in the branch by name', async () => {
    const payload = planPayload(members, '2026-03-20T06:00:00.000Z');
    const outsider = t.people['c2b1_secretary']!; // 朱明轩, of another college
    const body = await refused(
      secretary.post(`/api/task-forms/${draftTaskId}`).send({
        ...payload,
        segments: [{ ...payload.segments[0]!, ownerId: outsider }, ...payload.segments.slice(1)],
      }),
    );
    expect(body.errors).toEqual([{ field: 'segments.0.ownerId', message: '朱明轩不是本支部党员' }]);
  });

  it('answers in English when the client asks for it', async () => {
    const body = await refused(
      secretary
        .post(`/api/task-forms/${draftTaskId}`)
        .set('Accept-Language', 'en-GB,en;q=0.9')
        .send({ ...planPayload(members, '2026-03-20T06:00:00.000Z'), place: '' }),
    );
    expect(body.errors).toEqual([{ field: 'place', message: 'place is required' }]);
  });

  it('gives one message for an empty return comment', async () => {
    await d.submit(secretary, draftTaskId, planPayload(members, '2026-03-20T06:00:00.000Z'));
    const committee = await d.as('committee_secretary');
    const approval = await d.taskFor(committee, 'orglife:plan-approval');
    for (const comment of [undefined, '', '   ']) {
      const body = await refused(
        committee.post(`/api/task-forms/${approval.id}`).send({ decision: 'return', comment }),
      );
      expect(body.errors).toEqual([{ field: 'comment', message: '退回时请填写意见' }]);
    }
  });

  it('labels an unknown field and an unknown choice in users’ terms', async () => {
    const body = await refused(
      secretary.post('/api/plans').send({ branchId: t.units['C1-B1'], month: '2026-13', x: 1 }),
    );
    expect(body.errors.map((e) => e.message).sort()).toEqual([
      '不支持的字段：x',
      expect.stringMatching(/^月份/),
    ]);
  });
});
