/**
 * Issue 14 point 1: process variables a caller could set never lead a domain form to a record.
 * Domain flows start only through their domain commands, generic routes refuse variables that
 * name domain records, and every domain form finds its record through its task's instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowRuntimeService } from '../src/workflow/instances/workflow-runtime.service.js';
import { MonthlyCycleDriver } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('forged process variables', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;
  let c2PlanId: string;

  beforeAll(async () => {
    t = await createTestApp({
      app: { demoMonth: true, workflow: { jobExecutor: { enabled: false } } },
    });
    d = new MonthlyCycleDriver(t);
    const [plan] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM monthly_plan WHERE branch_id = $1`,
      [t.units['C2-B1']],
    );
    c2PlanId = plan!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a C1 committee secretary cannot start the plan flow with a C2 branch's planId", async () => {
    const secretary = await d.as('committee_secretary');
    const res = await secretary.post('/api/instances').send({
      processId: 'monthly-plan',
      orgUnitId: t.units['C1-B1'],
      variables: { planId: c2PlanId, branchId: t.units['C1-B1'] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect((res.body as { detail: string }).detail).toContain('planId');
    expect(await planOf(c2PlanId)).toMatchObject({ status: 'pending', topic: null });
  });

  it('a generic start of a domain process is refused even without variables', async () => {
    const od = await d.as('od_admin');
    for (const processId of ['monthly-plan', 'session', 'rectification', 'spot-check']) {
      const res = await od.post('/api/instances').send({ processId, orgUnitId: t.units['C1-B1'] });
      expect(res.status, processId).toBe(400);
    }
  });

  it('a variable naming a domain record is refused in a generic start, completion, message and signal', async () => {
    // org units are no domain records: generic flows address their candidate groups by them
    const od = await d.as('od_admin');
    const start = await od.post('/api/instances').send({
      processId: 'no-such-generic-flow',
      orgUnitId: t.units['C1-B1'],
      variables: { planId: c2PlanId },
    });
    expect(start.status).toBe(400);
    expect((start.body as { errors: { field: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'variables.planId' }),
    ]);
    const nested = await od.post('/api/instances').send({
      processId: 'no-such-generic-flow',
      orgUnitId: t.units['C1-B1'],
      variables: { branchId: t.units['C1-B1'], about: { items: [c2PlanId] } },
    });
    expect(JSON.stringify(nested.body)).toContain('variables.about.items.0');
    const [task] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE status = 'open' LIMIT 1`,
    );
    const complete = await od
      .post(`/api/tasks/${task!.id}/complete`)
      .send({ variables: { sessionId: c2PlanId } });
    expect(complete.status).toBe(400);
    expect(JSON.stringify(complete.body)).toContain('variables.sessionId');
    for (const route of ['/api/messages', '/api/signals']) {
      const res = await od.post(route).send({ name: 'x', variables: { branchId: c2PlanId } });
      expect(res.status, route).toBe(400);
    }
  });

  it('a plan form finds its plan through its instance, never through a planId variable', async () => {
    // A plan flow started around the HTTP routes with another branch's planId (as an instance
    // from before the fix might carry): its draft form is linked to no plan.
    const runtime = t.app.get(WorkflowRuntimeService);
    const c1b1 = t.units['C1-B1']!;
    const instance = await runtime.startProcess(null, {
      processId: 'monthly-plan',
      orgUnitId: c1b1,
      startedBy: null,
      variables: {
        planId: c2PlanId,
        branchId: c1b1,
        committeeId: t.units['C1']!,
        universityId: t.units['U']!,
        directBranch: false,
        weakBranch: false,
        month: '2026-03',
      },
    });
    await d.drain();
    const [task] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [instance.id],
    );
    const secretary = await d.as('branch_secretary');
    const view = await secretary.get(`/api/task-forms/${task!.id}`);
    expect(view.status).toBe(409);
    expect(JSON.stringify(view.body)).not.toContain(c2PlanId);
    const submit = await secretary
      .post(`/api/task-forms/${task!.id}`)
      .send({ topic: 'forged', plannedAt: '2026-03-20T06:30:00.000Z' });
    expect([400, 409]).toContain(submit.status);
    expect(await planOf(c2PlanId)).toMatchObject({ status: 'pending', topic: null });
  });

  /** Points a variable of an open task elsewhere, as a caller able to set variables would. */
  async function forge(taskId: string, path: string[], value: string): Promise<void> {
    await t.db.query(
      `UPDATE wf_task SET variables = jsonb_set(variables, $1::text[], to_jsonb($2::text)) WHERE id = $3`,
      [path, value, taskId],
    );
  }

  async function openTaskOf(instanceId: string): Promise<string> {
    const [task] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [instanceId],
    );
    return task!.id;
  }

  it("a rectification form with another committee's rectificationId still acts on its own item", async () => {
    const [d1, c2] = await Promise.all([d.as('d1_secretary'), d.as('c2_secretary')]);
    const open = async (who: typeof d1, branchId: string, title: string) =>
      (
        (
          await who
            .post('/api/rectifications')
            .send({ branchId, title, description: '自查', severity: 'low', dueDate: '2026-04-30' })
            .expect(201)
        ).body as { id: string }
      ).id;
    const own = await open(d1, t.units['D1']!, '本支部问题');
    const other = await open(c2, t.units['C2-B1']!, '别的党委的问题');
    await d.drain();
    const [link] = await t.db.query<{ instanceId: string }[]>(
      `SELECT instance_id AS "instanceId" FROM rectification WHERE id = $1`,
      [own],
    );
    const taskId = await openTaskOf(link!.instanceId);
    await forge(taskId, ['rectificationId'], other);

    const view = await d1.get(`/api/task-forms/${taskId}`).expect(200);
    expect(
      (view.body as { context: { rectification: { id: string } } }).context.rectification.id,
    ).toBe(own);
    await d1.post(`/api/task-forms/${taskId}`).send({ plan: '按本支部计划整改' }).expect(200);
    const items = await t.db.query<{ id: string; status: string; plan: string | null }[]>(
      `SELECT id, status, plan FROM rectification WHERE id = ANY($1::uuid[])`,
      [[own, other]],
    );
    expect(items.find((i) => i.id === own)).toMatchObject({
      status: 'plan_review',
      plan: '按本支部计划整改',
    });
    expect(items.find((i) => i.id === other)).toMatchObject({
      status: 'awaiting_plan',
      plan: null,
    });
  });

  it("a spot-check task whose sample names another sampled branch's item is refused, and that item stays unchecked", async () => {
    const od = await d.as('od_admin');
    await od.post('/api/spot-checks').send({ seed: 777, month: '2026-02' }).expect(201);
    await d.drain();
    const tasks = await t.db.query<{ id: string; itemId: string }[]>(
      `SELECT t.id, t.variables->'sample'->>'itemId' AS "itemId" FROM wf_task t
        WHERE t.process_id = 'spot-check' AND t.status = 'open' AND t.form_key = 'orglife:spot-check-inspect'
        ORDER BY t.id`,
    );
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    const [mine, theirs] = tasks as [
      { id: string; itemId: string },
      { id: string; itemId: string },
    ];
    await forge(mine.id, ['sample', 'itemId'], theirs.itemId);
    const inspector = await d.as('inspector');
    await inspector.get(`/api/task-forms/${mine.id}`).expect(409);
    await inspector
      .post(`/api/task-forms/${mine.id}`)
      .send({ outcome: 'pass', notes: '伪造' })
      .expect(409);
    const [item] = await t.db.query<{ status: string }[]>(
      `SELECT status FROM spot_check_item WHERE id = $1`,
      [theirs.itemId],
    );
    expect(item!.status).toBe('pending');
    // The month the records are read for is the batch's, whatever the variable says.
    await forge(theirs.id, ['sample', 'month'], '2020-01');
    const view = await inspector.get(`/api/task-forms/${theirs.id}`).expect(200);
    expect(JSON.stringify(view.body)).not.toContain('2020-01');
  });

  it("an on-site supervision form with another committee's onsiteId records its own visit only", async () => {
    const [c1, c2] = await Promise.all([d.as('committee_secretary'), d.as('c2_secretary')]);
    const start = async (who: typeof c1, branch: string) =>
      (await who.post('/api/onsite-supervisions').send({ branchId: t.units[branch] }).expect(201))
        .body as { id: string; instanceId: string };
    const own = await start(c1, 'C1-B2');
    const other = await start(c2, 'C2-B1');
    const taskId = await openTaskOf(own.instanceId);
    await forge(taskId, ['onsiteId'], other.id);
    const view = await c1.get(`/api/task-forms/${taskId}`).expect(200);
    expect((view.body as { context: { supervision: { id: string } } }).context.supervision.id).toBe(
      own.id,
    );
    await c1
      .post(`/api/task-forms/${taskId}`)
      .send({ attendedOn: '2026-03-01', guidance: '本党委的指导意见' })
      .expect(200);
    const rows = await t.db.query<{ id: string; status: string; guidance: string | null }[]>(
      `SELECT id, status, guidance FROM onsite_supervision WHERE id = ANY($1::uuid[])`,
      [[own.id, other.id]],
    );
    expect(rows.find((r) => r.id === own.id)).toMatchObject({ status: 'recorded' });
    expect(rows.find((r) => r.id === other.id)).toMatchObject({
      status: 'pending',
      guidance: null,
    });
  });

  it('a study arrangement task whose committeeId names another committee is refused', async () => {
    const od = await d.as('od_admin');
    const created = await od
      .post('/api/study-contents')
      .send({
        month: '2026-05',
        title: '五月学习内容',
        topics: ['学习党章'],
        materials: [],
        attachmentIds: [],
      })
      .expect(201);
    const contentId = (created.body as { id: string }).id;
    await d.drain();
    await od.post(`/api/study-contents/${contentId}/publish`).send({}).expect(200);
    await d.drain();
    const [task] = await t.db.query<{ id: string }[]>(
      `SELECT t.id FROM wf_task t JOIN study_content c ON c.instance_id = t.instance_id
        WHERE c.id = $1 AND t.status = 'open' AND t.form_key = 'orglife:study-arrangement'
          AND $2 = ANY(t.candidate_groups)`,
      [contentId, `committee_secretary@${t.units['C1']}`],
    );
    await forge(task!.id, ['committeeId'], t.units['C2']!);
    const secretary = await d.as('committee_secretary');
    await secretary.get(`/api/task-forms/${task!.id}`).expect(409);
    for (const committee of ['C1', 'C2']) {
      await secretary
        .post(`/api/task-forms/${task!.id}`)
        .send({
          committeeId: t.units[committee],
          theme: '伪造',
          arrangement: '伪造',
          materials: [],
        })
        .expect(409);
    }
    const arranged = await t.db.query<unknown[]>(
      `SELECT 1 FROM study_arrangement WHERE study_content_id = $1`,
      [contentId],
    );
    expect(arranged).toEqual([]);
  });

  it("an annual-inspection task whose target names another committee's inspection is refused", async () => {
    const od = await d.as('od_admin');
    await od.post('/api/inspections').send({ year: 2026 }).expect(201);
    await d.drain();
    const tasks = await t.db.query<{ id: string; inspectionId: string }[]>(
      `SELECT id, variables->'target'->>'inspectionId' AS "inspectionId" FROM wf_task
        WHERE form_key = 'orglife:annual-inspection' AND status = 'open' ORDER BY id`,
    );
    const [mine, theirs] = tasks as [{ id: string }, { id: string; inspectionId: string }];
    await forge(mine.id, ['target', 'inspectionId'], theirs.inspectionId);
    const inspector = await d.as('inspector');
    await inspector.get(`/api/task-forms/${mine.id}`).expect(409);
    await inspector
      .post(`/api/task-forms/${mine.id}`)
      .send({ summary: '伪造', findings: [] })
      .expect(409);
    const [row] = await t.db.query<{ status: string }[]>(
      `SELECT status FROM annual_inspection WHERE id = $1`,
      [theirs.inspectionId],
    );
    expect(row!.status).toBe('pending');
  });

  it("the plan-approved job with another committee's planId approves its own plan only", async () => {
    const [plan] = await t.db.query<{ id: string; instanceId: string }[]>(
      `SELECT id, instance_id AS "instanceId" FROM monthly_plan WHERE branch_id = $1`,
      [t.units['C1-B2']],
    );
    const approver = await d.as('committee_secretary');
    await approver
      .post(`/api/task-forms/${await openTaskOf(plan!.instanceId)}`)
      .send({ decision: 'approve' })
      .expect(200);
    await t.db.query(
      `UPDATE wf_job SET variables = jsonb_set(variables, '{planId}', to_jsonb($1::text))
        WHERE instance_id = $2 AND job_type = 'orglife.plan.approved'`,
      [c2PlanId, plan!.instanceId],
    );
    const forged = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_job WHERE instance_id = $1 AND variables->>'planId' = $2`,
      [plan!.instanceId, c2PlanId],
    );
    expect(forged).toHaveLength(1);
    await d.drain();
    expect((await planOf(plan!.id)).status).toBe('approved');
    expect((await planOf(c2PlanId)).status).toBe('pending');
  });

  async function planOf(id: string): Promise<{ status: string; topic: string | null }> {
    const [plan] = await t.db.query<{ status: string; topic: string | null }[]>(
      `SELECT status, topic FROM monthly_plan WHERE id = $1`,
      [id],
    );
    return plan!;
  }
});
