import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowRuntimeService } from '../src/workflow/instances/workflow-runtime.service.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

describe('messages and call activities', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    od = await t.login('od_admin');
    secretary = await t.login('branch_secretary');
    await deploy(od, 'wf-message');
    await deploy(od, 'wf-call');
    await deploy(od, 'wf-escalation');
    await deploy(od, 'wf-repeated-catch');
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(processId: string, variables: Record<string, unknown>): Promise<string> {
    const res = await od
      .post('/api/instances')
      .send({ processId, orgUnitId: t.units['C1-B1'], variables })
      .expect(201);
    return res.body.id as string;
  }

  it('correlates a message to the instance waiting with the same key', async () => {
    const a = await start('wf_message', { orderId: 'A' });
    const b = await start('wf_message', { orderId: 'B' });
    const res = await od
      .post('/api/messages')
      .send({ name: 'paid', correlationKey: 'B', variables: { amount: 3 } })
      .expect(200);
    expect(res.body).toEqual({ correlatedInstanceIds: [b], startedInstanceIds: [] });
    expect((await od.get(`/api/instances/${b}`)).body).toMatchObject({
      status: 'completed',
      variables: { amount: 3 },
    });
    expect((await od.get(`/api/instances/${a}`)).body.status).toBe('active');
    await secretary.post('/api/messages').send({ name: 'paid', correlationKey: 'A' }).expect(403);
  });

  it('a fired catch event drops its subscription: the next message or signal of that name reaches the next catch event', async () => {
    const id = await start('wf_repeated', { ticket: 'T-1' });
    for (const variables of [{ first: true }, { second: true }]) {
      const res = await od
        .post('/api/messages')
        .send({ name: 'reply', correlationKey: 'T-1', variables })
        .expect(200);
      expect(res.body.correlatedInstanceIds).toEqual([id]);
    }
    for (let i = 0; i < 2; i++) {
      const res = await od.post('/api/signals').send({ name: 'tick' }).expect(200);
      expect(res.body.correlatedInstanceIds).toEqual([id]);
    }
    expect((await od.get(`/api/instances/${id}`)).body).toMatchObject({
      status: 'completed',
      variables: { first: true, second: true },
    });
    const [left] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM wf_subscription WHERE instance_id = $1`,
      [id],
    );
    expect(left?.n).toBe(0);
  });

  it('starts an instance from a message start event', async () => {
    const res = await od.post('/api/messages').send({ name: 'kickoff' }).expect(200);
    expect(res.body.correlatedInstanceIds).toEqual([]);
    expect(res.body.startedInstanceIds).toHaveLength(1);
    const started = await od.get(`/api/instances/${res.body.startedInstanceIds[0]}`).expect(200);
    expect(started.body).toMatchObject({ processId: 'wf_kickoff', status: 'completed' });
  });

  it('runs a called process as a child and completes the parent when the child ends', async () => {
    const parentId = await start('wf_parent', { initiator: t.people['branch_secretary'] });
    const [child] = await t.db.query<{ id: string; org_unit_id: string }[]>(
      `SELECT id, org_unit_id FROM wf_instance WHERE parent_instance_id = $1`,
      [parentId],
    );
    expect(child).toBeDefined();
    expect(child!.org_unit_id).toBe(t.units['C1-B1']);
    const [task] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1`,
      [child!.id],
    );
    await secretary
      .post(`/api/tasks/${task!.id}/complete`)
      .send({ variables: { answer: 42 } })
      .expect(200);

    const parent = await od.get(`/api/instances/${parentId}`).expect(200);
    expect(parent.body).toMatchObject({ status: 'completed', variables: { answer: 42 } });
  });

  it('hands a child’s uncaught escalation to the call activity: a non-interrupting boundary runs beside it, an interrupting one ends it', async () => {
    const parentId = await start('wf_escalation_parent', {
      initiator: t.people['branch_secretary'],
    });
    const tasks = async (instanceId: string) =>
      t.db.query<{ id: string; element_id: string; status: string }[]>(
        `SELECT id, element_id, status FROM wf_task WHERE instance_id = $1 ORDER BY element_id`,
        [instanceId],
      );
    const [child] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_instance WHERE parent_instance_id = $1`,
      [parentId],
    );
    expect((await tasks(parentId)).map((task) => task.element_id)).toEqual(['Remind']);
    const [childTask] = await tasks(child!.id);
    await secretary.post(`/api/tasks/${childTask!.id}/complete`).send({}).expect(200);

    const [remind] = await tasks(parentId);
    expect(remind).toMatchObject({ element_id: 'Remind', status: 'open' });
    await secretary.post(`/api/tasks/${remind!.id}/complete`).send({}).expect(200);
    const parent = await od.get(`/api/instances/${parentId}`).expect(200);
    expect(parent.body.status).toBe('completed');
    const history = await t.db.query<{ element_id: string }[]>(
      `SELECT element_id FROM wf_history WHERE instance_id = $1 AND kind = 'completed'`,
      [parentId],
    );
    expect(history.map((h) => h.element_id)).toContain('Stopped');
    expect(history.map((h) => h.element_id)).not.toContain('Done');
  });

  it('cancels the child when the parent is cancelled', async () => {
    const parentId = await start('wf_parent', { initiator: t.people['branch_secretary'] });
    await od.post(`/api/instances/${parentId}/cancel`).expect(200);
    const [child] = await t.db.query<{ status: string }[]>(
      `SELECT status FROM wf_instance WHERE parent_instance_id = $1`,
      [parentId],
    );
    expect(child!.status).toBe('terminated');
  });

  it('lets a domain module start a process inside its own transaction', async () => {
    const runtime = t.app.get(WorkflowRuntimeService);
    const failed = t.db.transaction(async (em) => {
      await runtime.startProcess(em, {
        processId: 'wf_message',
        variables: { orderId: 'rolled-back' },
        orgUnitId: t.units['C1-B1'],
        startedBy: null,
      });
      throw new Error('domain rule failed');
    });
    await expect(failed).rejects.toThrow('domain rule failed');
    const rows = await t.db.query(
      `SELECT id FROM wf_instance WHERE state->'variables'->>'orderId' = 'rolled-back'`,
    );
    expect(rows).toEqual([]);
  });
});
