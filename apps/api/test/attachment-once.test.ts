import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** From OD's and a secretary's side: one file is attached once, in a study content and in evidence. */
describe('an attachment listed twice is refused, naming 附件', () => {
  let t: TestApp;
  const drain = async () => {
    const executor = t.app.get(JobExecutor);
    while ((await executor.runDueJobs()) > 0);
  };
  const upload = async (who: Client, unit: string) =>
    (
      (
        await who
          .post('/api/attachments')
          .field('orgUnitId', t.units[unit]!)
          .attach('file', PNG, { filename: '签到表.png', contentType: 'image/png' })
          .expect(201)
      ).body as { id: string }
    ).id;
  const openTask = async (who: Client, processId: string) => {
    const page = (
      await who.get('/api/tasks').query({ tab: 'claimable', processId, pageSize: 100 }).expect(200)
    ).body as { items: { id: string }[] };
    return page.items[0]!.id;
  };
  const repeated = { field: 'attachmentIds', message: '附件不能重复' };

  beforeAll(async () => {
    t = await createTestApp({ app: { workflow: { jobExecutor: { enabled: false } } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('in the month’s study content', async () => {
    const od = await t.login('od_admin');
    const file = await upload(od, 'U');
    const content = { month: '2026-04', title: '四月学习', topics: ['a'], materials: [] };
    const twice = await od
      .post('/api/study-contents')
      .send({ ...content, attachmentIds: [file, file] })
      .expect(400);
    expect((twice.body as { errors: unknown[] }).errors).toEqual([repeated]);
    await od
      .post('/api/study-contents')
      .send({ ...content, attachmentIds: [file] })
      .expect(201);
  });

  it('in rectification evidence', async () => {
    const [secretary, od] = await t.loginAll('d1_secretary', 'od_admin');
    await secretary
      .post('/api/rectifications')
      .send({
        branchId: t.units['D1'],
        title: '考勤不全',
        description: '自查发现',
        severity: 'low',
        dueDate: '2026-04-30',
      })
      .expect(201);
    await drain();
    const submit = async (who: Client, processId: string, body: object, status = 200) =>
      who
        .post(`/api/task-forms/${await openTask(who, processId)}`)
        .send(body)
        .expect(status);
    await submit(secretary, 'rectification', { plan: '补齐考勤记录' });
    await drain();
    await submit(od, 'rectification', { approved: true });
    await drain();
    const file = await upload(secretary, 'D1');
    const twice = await submit(
      secretary,
      'rectification',
      { evidence: '已补齐', attachmentIds: [file, file] },
      400,
    );
    expect((twice.body as { errors: unknown[] }).errors).toEqual([repeated]);
    await submit(secretary, 'rectification', { evidence: '已补齐', attachmentIds: [file] });
  });
});
