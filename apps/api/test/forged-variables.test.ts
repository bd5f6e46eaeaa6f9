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

  async function planOf(id: string): Promise<{ status: string; topic: string | null }> {
    const [plan] = await t.db.query<{ status: string; topic: string | null }[]>(
      `SELECT status, topic FROM monthly_plan WHERE id = $1`,
      [id],
    );
    return plan!;
  }
});
