import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface FormView {
  formKey: string;
  context: { rectification: { id: string; status: string }; history: { action: string }[] };
}

/**
 * A direct branch's secretary registers a problem of their own and carries it through every
 * rectification and look-back step, opening each task's form before submitting it (as the web's
 * task page does).
 */
describe('rectification and look-back task forms open and submit at every step', () => {
  let t: TestApp;
  const drain = async () => {
    const executor = t.app.get(JobExecutor);
    while ((await executor.runDueJobs()) > 0);
  };
  const openTask = async (who: Client, processId: string) => {
    const page = (
      await who.get('/api/tasks').query({ tab: 'claimable', processId, pageSize: 100 }).expect(200)
    ).body as { items: { id: string }[] };
    expect(page.items).toHaveLength(1);
    return page.items[0]!.id;
  };
  /** Opens the form of the one open task, checks what it shows, and submits `body`. */
  const step = async (
    who: Client,
    processId: string,
    formKey: string,
    status: string,
    body: object,
  ) => {
    const taskId = await openTask(who, processId);
    const view = (await who.get(`/api/task-forms/${taskId}`).expect(200)).body as FormView;
    expect(view.formKey).toBe(formKey);
    expect(view.context.rectification.status).toBe(status);
    expect(view.context.history[0]?.action).toBe('opened');
    await who.post(`/api/task-forms/${taskId}`).send(body).expect(200);
    await drain();
  };

  beforeAll(async () => {
    t = await createTestApp({ app: { workflow: { jobExecutor: { enabled: false } } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('plan, plan review, evidence, evidence review and the follow-up check', async () => {
    const [secretary, od] = await t.loginAll('d1_secretary', 'od_admin');
    await secretary
      .post('/api/rectifications')
      .send({
        branchId: t.units['D1'],
        title: '考勤不全',
        description: '自查发现请假未注明原因',
        severity: 'low',
        dueDate: '2026-04-30',
      })
      .expect(201);
    await drain();
    await step(secretary, 'rectification', 'orglife:rectification-plan', 'awaiting_plan', {
      plan: '补齐考勤记录',
    });
    await step(od, 'rectification', 'orglife:rectification-plan-review', 'plan_review', {
      approved: true,
    });
    await step(secretary, 'rectification', 'orglife:rectification-evidence', 'awaiting_evidence', {
      evidence: '已补齐，附签到表',
    });
    await step(od, 'rectification', 'orglife:rectification-evidence-review', 'evidence_review', {
      approved: true,
    });

    t.clock.set(new Date('2026-04-05T01:00:00Z')); // after the model's 30-day look-back delay
    await drain();
    const inspector = await t.login('inspector');
    const recheck = await openTask(inspector, 'follow-up');
    const pastDue = await inspector
      .post(`/api/task-forms/${recheck}`)
      .send({ holds: false, notes: '仍未整改', newDueDate: '2026-04-01' })
      .expect(400);
    expect((pastDue.body as { errors: unknown[] }).errors).toEqual([
      { field: 'newDueDate', message: '新的整改期限须晚于今天（2026-04-05）' },
    ]);
    await step(inspector, 'follow-up', 'orglife:follow-up-check', 'closed', {
      holds: true,
      notes: '整改到位',
    });
  });
});
