/**
 * 前加签 / 后加签 on a single-assignee user task (issue 19 point 2): runtime sub-steps of the
 * task (the model stays standard BPMN), each refused with a Chinese reason where the rules forbid
 * it, and each a row in the instance's trail (who added whom, when, why; the added person's
 * opinion).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

interface TrailEntry {
  action: string;
  actorName: string | null;
  targetName: string | null;
  reason: string | null;
}

describe('前加签 / 后加签', () => {
  let t: TestApp;
  let secretary: Client; // branch_secretary on C1-B1
  let branchCommittee: Client; // branch_committee on C1-B1
  let member: Client; // member on C1-B1
  let od: Client;
  let committee: Client; // committee_secretary on C1

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    [od, secretary, branchCommittee, member, committee] = await t.loginAll(
      'od_admin',
      'branch_secretary',
      'branch_committee',
      'member',
      'committee_secretary',
    );
    await deploy(od, 'wf-review');
  });
  afterAll(async () => {
    await t.close();
  });

  async function claimedDraft(): Promise<{ id: string; instanceId: string }> {
    const unit = t.units['C1-B1']!;
    const res = await secretary
      .post('/api/instances')
      .send({ processId: 'wf_review', orgUnitId: unit, variables: { orgUnitId: unit } })
      .expect(201);
    const [row] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [res.body.id],
    );
    await secretary.post(`/api/tasks/${row!.id}/claim`).expect(200);
    return { id: row!.id, instanceId: res.body.id as string };
  }

  async function openTasks(instanceId: string) {
    return t.db.query<{ element_id: string }[]>(
      `SELECT element_id FROM wf_task WHERE instance_id = $1 AND status = 'open'`,
      [instanceId],
    );
  }

  async function trail(instanceId: string): Promise<TrailEntry[]> {
    return (await od.get(`/api/instances/${instanceId}/trail`).expect(200)).body as TrailEntry[];
  }

  it('前加签: the added person acts first; the task returns to the approver, who decides', async () => {
    const { id, instanceId } = await claimedDraft();
    const added = await secretary
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['branch_committee'], position: 'before', reason: '请先把关' })
      .expect(200);
    expect(added.body).toMatchObject({
      assignee: t.people['branch_committee'],
      addedStep: 'before',
      status: 'open',
    });
    // the added person may not finish the task, only give an opinion
    const early = await branchCommittee
      .post(`/api/tasks/${id}/complete`)
      .send({ variables: {} })
      .expect(409);
    expect(early.body.detail).toContain('加签人');
    const view = (await branchCommittee.get(`/api/tasks/${id}`).expect(200)).body;
    expect(view.actions).toMatchObject({ complete: false, actAsAdded: true, delegate: false });
    // the approver waits
    const waiting = (await secretary.get(`/api/tasks/${id}`).expect(200)).body;
    expect(waiting.actions).toMatchObject({ complete: false, addSequential: false });

    const back = await branchCommittee
      .post(`/api/tasks/${id}/added-approval`)
      .send({ approved: true, comment: '内容可行' })
      .expect(200);
    expect(back.body).toMatchObject({
      assignee: t.people['branch_secretary'],
      addedStep: null,
      status: 'open',
    });
    expect((await openTasks(instanceId)).map((r) => r.element_id)).toEqual(['Draft']);
    await secretary.post(`/api/tasks/${id}/complete`).send({ variables: {} }).expect(200);
    expect((await openTasks(instanceId)).map((r) => r.element_id)).toEqual(['Approve']);

    const list = await secretary.get(`/api/tasks/${id}/added-approvers`).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        name: '杨丽娟',
        position: 'before',
        status: 'done',
        opinion: 'approved',
        comment: '内容可行',
        reason: '请先把关',
      }),
    ]);
    const rows = (await trail(instanceId)).filter((e) => e.action !== 'instance.started');
    expect(rows.map((e) => e.action)).toEqual([
      'task.claimed',
      'task.approver-added',
      'task.added-approved',
      'task.completed',
    ]);
    // the diagram marks the 加签 on the step's element
    expect(rows[1]).toMatchObject({
      targetName: '杨丽娟',
      reason: '请先把关',
      taskElementId: 'Draft',
    });
    expect(rows[2]).toMatchObject({ actorName: '杨丽娟', reason: '内容可行' });
  });

  it('后加签: the approver decides, the added person acts, then the flow moves on', async () => {
    const { id, instanceId } = await claimedDraft();
    await secretary
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['member'], position: 'after' })
      .expect(200);
    // the approver still holds it and decides
    const decided = await secretary
      .post(`/api/tasks/${id}/complete`)
      .send({ variables: { verdict: 'ok' } })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'open',
      assignee: t.people['member'],
      addedStep: 'after_acting',
    });
    expect((await openTasks(instanceId)).map((r) => r.element_id)).toEqual(['Draft']);

    // not agreeing hands it back to the approver with the opinion, decision discarded
    await member
      .post(`/api/tasks/${id}/added-approval`)
      .send({ approved: false, comment: '地点需再确认' })
      .expect(200);
    const again = (await secretary.get(`/api/tasks/${id}`).expect(200)).body;
    expect(again).toMatchObject({ assignee: t.people['branch_secretary'], addedStep: null });
    expect((await openTasks(instanceId)).map((r) => r.element_id)).toEqual(['Draft']);
  });

  it('后加签 agreed: the held decision goes through as the approver’s', async () => {
    const { id, instanceId } = await claimedDraft();
    await secretary
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['member'], position: 'after', reason: '请党员代表确认' })
      .expect(200);
    await secretary
      .post(`/api/tasks/${id}/complete`)
      .send({ variables: { verdict: 'ok' } })
      .expect(200);
    const done = await member
      .post(`/api/tasks/${id}/added-approval`)
      .send({ approved: true })
      .expect(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      completedBy: t.people['branch_secretary'],
    });
    expect((await openTasks(instanceId)).map((r) => r.element_id)).toEqual(['Approve']);
    const instance = await od.get(`/api/instances/${instanceId}`).expect(200);
    expect(instance.body.variables.verdict).toBe('ok');
    const rows = (await trail(instanceId)).map((e) => e.action);
    expect(rows.slice(-4)).toEqual([
      'task.approver-added',
      'task.decided-before-added',
      'task.added-approved',
      'task.completed',
    ]);
  });

  it('refuses 加签 on a closed task, on a task you do not hold, twice, or yourself', async () => {
    const { id } = await claimedDraft();
    // committee leadership sees the task but does not hold it
    const notHolder = await committee
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['member'], position: 'before' })
      .expect(403);
    expect(notHolder.body.detail).toContain('只有任务的当前办理人');

    const self = await secretary
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['branch_secretary'], position: 'after' })
      .expect(409);
    expect(self.body.detail).toContain('不能给自己加签');

    await secretary
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['member'], position: 'before' })
      .expect(200);
    const pending = await member
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['branch_committee'], position: 'before' })
      .expect(409);
    expect(pending.body.detail).toContain('已有加签人待办理');
    await member.post(`/api/tasks/${id}/added-approval`).send({ approved: true }).expect(200);

    const twice = await secretary
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['member'], position: 'after' })
      .expect(409);
    expect(twice.body.detail).toContain('不能重复加签');

    const outsider = await secretary
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['c2_secretary'], position: 'after' })
      .expect(400);
    expect(outsider.body.detail).toContain('候选人或本单位人员');

    const notAdded = await secretary
      .post(`/api/tasks/${id}/added-approval`)
      .send({ approved: true })
      .expect(403);
    expect(notAdded.body.detail).toContain('不是该任务待办理的加签人');

    await secretary.post(`/api/tasks/${id}/complete`).send({ variables: {} }).expect(200);
    const closed = await secretary
      .post(`/api/tasks/${id}/added-approvers`)
      .send({ assignee: t.people['branch_committee'], position: 'after' })
      .expect(409);
    expect(closed.body.detail).toContain('任务已办结，不能加签');
  });
});
