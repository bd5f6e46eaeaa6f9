/**
 * 会签 / 或签 / 票签 votes, 加签 / 减签 and 抄送 (issue 19 points 1, 2 and 7): each verb in one
 * transaction with its engine step, refused with a reason where the rules forbid it, and a row
 * in the instance's audit trail (who did what to whom, when, why).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="https://orglife.example/test">
  <bpmn:process id="wf_countersign" name="测试会签" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Approve" />
    <bpmn:userTask id="Approve" name="会签">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="=approver" />
        <zeebe:taskHeaders>
          <zeebe:header key="orglife.vote" value="all" />
          <zeebe:header key="orglife.cc" value="committee_secretary" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements>
          <zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver" outputCollection="votes" outputElement="=approved" />
        </bpmn:extensionElements>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=list contains(votes, false)</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Approve" targetRef="Verdict" />
    <bpmn:exclusiveGateway id="Verdict" default="f_no" />
    <bpmn:sequenceFlow id="f_yes" sourceRef="Verdict" targetRef="Approved">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=all(votes)</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_no" sourceRef="Verdict" targetRef="Rejected" />
    <bpmn:endEvent id="Approved" />
    <bpmn:endEvent id="Rejected" />
  </bpmn:process>
</bpmn:definitions>`;

/** The same round, with a step after a rejection: the instance goes on once the round is decided. */
const XML_GOES_ON = XML.replace('wf_countersign', 'wf_countersign_next').replace(
  '<bpmn:endEvent id="Rejected" />',
  `<bpmn:userTask id="Rejected" name="复议">
      <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=approvers[1]" /></bpmn:extensionElements>
    </bpmn:userTask>`,
);

interface Row {
  id: string;
  assignee: string;
  status: string;
}

describe('approval verbs: 会签, 加签 / 减签, 抄送', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;
  let member: Client;
  let organizer: Client;
  let c1: Client;
  let outsider: Client;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    [od, secretary, member, organizer, c1, outsider] = await t.loginAll(
      'od_admin',
      'branch_secretary',
      'member',
      'organizer',
      'committee_secretary',
      'c1b3_secretary',
    );
    ids = t.people as Record<string, string>;
    await od.post('/api/definitions').send({ xml: XML }).expect(201);
    await od.post('/api/definitions').send({ xml: XML_GOES_ON }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  async function round(...usernames: string[]) {
    return roundOf('wf_countersign', usernames);
  }

  async function roundOf(processId: string, usernames: string[]) {
    const started = await od
      .post('/api/instances')
      .send({
        processId,
        orgUnitId: t.units['C1-B1'],
        variables: { approvers: usernames.map((u) => ids[u]) },
      })
      .expect(201);
    const instanceId = started.body.id as string;
    const tasks = async () =>
      (await t.db.query(
        `SELECT id, assignee, status FROM wf_task WHERE instance_id = $1 ORDER BY created_at, id`,
        [instanceId],
      )) as Row[];
    const taskOf = async (username: string) =>
      (await tasks()).find((r) => r.assignee === ids[username] && r.status === 'open')!.id;
    return { instanceId, tasks, taskOf };
  }

  it('会签: each vote is kept and shown; one rejection ends the round on the rejected path', async () => {
    const r = await round('branch_secretary', 'branch_committee', 'member');
    const mine = await r.taskOf('branch_secretary');
    const refused = await secretary
      .post(`/api/tasks/${mine}/complete`)
      .send({ variables: {} })
      .expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'approved' })]);

    await secretary
      .post(`/api/tasks/${mine}/complete`)
      .send({ variables: { approved: true, voteComment: '同意上报' } })
      .expect(200);
    const during = await member.get(`/api/tasks/${await r.taskOf('member')}/votes`).expect(200);
    expect(during.body.round).toMatchObject({ kind: 'all', approved: 1, rejected: 0, pending: 2 });
    expect(during.body.round.voters[0]).toMatchObject({
      name: '陈晓东',
      status: 'completed',
      outcome: 'approved',
    });

    await member
      .post(`/api/tasks/${await r.taskOf('member')}/complete`)
      .send({ variables: { approved: false, voteComment: '材料不全' } })
      .expect(200);
    const instance = await od.get(`/api/instances/${r.instanceId}`).expect(200);
    expect(instance.body.status).toBe('completed');
    expect(instance.body.variables.votes).toEqual([true, null, false]);
    const history = await od.get(`/api/instances/${r.instanceId}/history`).expect(200);
    expect(history.body.map((e: { elementId: string }) => e.elementId)).toContain('Rejected');
    expect((await r.tasks()).map((x) => x.status)).toEqual(['completed', 'cancelled', 'completed']);

    const trail = await od.get(`/api/instances/${r.instanceId}/trail`).expect(200);
    const votes = trail.body.filter((e: { action: string }) => e.action.startsWith('task.vote-'));
    expect(votes).toEqual([
      expect.objectContaining({
        action: 'task.vote-approved',
        actorName: '陈晓东',
        reason: '同意上报',
        taskName: '会签',
      }),
      expect.objectContaining({
        action: 'task.vote-rejected',
        actorName: '赵思远',
        reason: '材料不全',
      }),
    ]);
  });

  it('加签: the current approver adds a person to the round, who must approve too; refused twice, or by an outsider', async () => {
    const r = await round('branch_secretary');
    const mine = await r.taskOf('branch_secretary');
    await outsider
      .post(`/api/tasks/${mine}/approvers`)
      .send({ assignee: ids['organizer'] })
      .expect(403);
    await secretary
      .post(`/api/tasks/${mine}/approvers`)
      .send({ assignee: ids['organizer'], reason: '涉及组织员职责' })
      .expect(200);
    const again = await secretary
      .post(`/api/tasks/${mine}/approvers`)
      .send({ assignee: ids['organizer'] })
      .expect(409);
    expect(again.body.detail ?? again.body.title ?? JSON.stringify(again.body)).toMatch(/已是本轮/);

    const added = await r.taskOf('organizer');
    const view = await organizer.get(`/api/tasks/${added}/votes`).expect(200);
    expect(view.body.round.voters.map((v: { name: string }) => v.name)).toEqual([
      '陈晓东',
      '刘志刚',
    ]);
    await secretary
      .post(`/api/tasks/${mine}/complete`)
      .send({ variables: { approved: true } })
      .expect(200);
    expect((await od.get(`/api/instances/${r.instanceId}`)).body.status).toBe('active');
    await organizer
      .post(`/api/tasks/${added}/complete`)
      .send({ variables: { approved: true } })
      .expect(200);
    const done = await od.get(`/api/instances/${r.instanceId}`).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', variables: { votes: [true, true] } });

    const trail = await od.get(`/api/instances/${r.instanceId}/trail`).expect(200);
    expect(trail.body).toContainEqual(
      expect.objectContaining({
        action: 'task.approver-added',
        actorName: '陈晓东',
        targetName: '刘志刚',
        reason: '涉及组织员职责',
      }),
    );
    const closed = await secretary
      .post(`/api/tasks/${mine}/approvers`)
      .send({ assignee: ids['branch_committee'] })
      .expect(409);
    expect(JSON.stringify(closed.body)).toMatch(/已办结/);
  });

  it('减签: who added the approver (or leadership) removes a pending one with a reason; never the last one pending', async () => {
    const r = await round('branch_secretary', 'member');
    const mine = await r.taskOf('branch_secretary');
    await secretary
      .post(`/api/tasks/${mine}/approvers`)
      .send({ assignee: ids['branch_committee'] })
      .expect(200);
    const added = await r.taskOf('branch_committee');
    await member.post(`/api/tasks/${added}/remove-approver`).send({ reason: '不需要' }).expect(403);
    await secretary.post(`/api/tasks/${added}/remove-approver`).send({}).expect(400);
    const removed = await secretary
      .post(`/api/tasks/${added}/remove-approver`)
      .send({ reason: '支委回避' })
      .expect(200);
    expect(removed.body.status).toBe('cancelled');
    const view = await secretary.get(`/api/tasks/${mine}/votes`).expect(200);
    expect(view.body.round.pending).toBe(2);
    expect(
      view.body.round.voters.find((v: { taskId: string }) => v.taskId === added),
    ).toMatchObject({ status: 'cancelled', outcome: null });

    await member
      .post(`/api/tasks/${await r.taskOf('member')}/complete`)
      .send({ variables: { approved: true } })
      .expect(200);
    const last = await organizer
      .post(`/api/tasks/${mine}/remove-approver`)
      .send({ reason: '出差' })
      .expect(409);
    expect(JSON.stringify(last.body)).toMatch(/最后一位待审批人/);
    const doneAlready = await organizer
      .post(`/api/tasks/${await r.tasks().then((x) => x[1]!.id)}/remove-approver`)
      .send({ reason: '出差' })
      .expect(409);
    expect(JSON.stringify(doneAlready.body)).toMatch(/已办结/);

    const trail = await od.get(`/api/instances/${r.instanceId}/trail`).expect(200);
    expect(trail.body).toContainEqual(
      expect.objectContaining({
        action: 'task.approver-removed',
        actorName: '陈晓东',
        targetName: '杨丽娟',
        reason: '支委回避',
      }),
    );
  });

  it('抄送: the model’s roles and the people the approver chose get a read-only copy, unread until opened', async () => {
    const r = await round('branch_secretary', 'member');
    const mine = await r.taskOf('branch_secretary');
    const unknown = await secretary
      .post(`/api/tasks/${mine}/complete`)
      .send({ variables: { approved: true }, copyTo: ['00000000-0000-4000-8000-000000000000'] })
      .expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'copyTo' })]);
    await outsider.get(`/api/tasks/${mine}`).expect(403);

    await secretary
      .post(`/api/tasks/${mine}/complete`)
      .send({ variables: { approved: true }, copyTo: [ids['c1b3_secretary']] })
      .expect(200);

    const chosen = await outsider.get('/api/task-copies').expect(200);
    const copy = chosen.body.items.find((c: { taskId: string }) => c.taskId === mine);
    expect(copy).toMatchObject({ source: 'approver', copiedByName: '陈晓东', readAt: null });
    expect(chosen.body.unread).toBeGreaterThanOrEqual(1);
    const seen = await outsider.get(`/api/tasks/${mine}`).expect(200);
    expect(seen.body.actions).toMatchObject({ complete: false, claim: false, delegate: false });

    const model = await c1.get('/api/task-copies?unread=true').expect(200);
    expect(model.body.items).toContainEqual(
      expect.objectContaining({ taskId: mine, source: 'model', taskName: '会签' }),
    );

    const before = chosen.body.unread as number;
    const read = await outsider.post(`/api/task-copies/${copy.id}/read`).expect(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await outsider.get('/api/task-copies').expect(200)).body.unread).toBe(before - 1);
    await secretary.post(`/api/task-copies/${copy.id}/read`).expect(404);

    const trail = await od.get(`/api/instances/${r.instanceId}/trail`).expect(200);
    expect(trail.body).toContainEqual(
      expect.objectContaining({ action: 'task.copied', targetName: '胡雨桐', actorName: '陈晓东' }),
    );
  });

  it('撤回 of a vote: the voter takes it back while the round is undecided, not once it is', async () => {
    const r = await roundOf('wf_countersign_next', ['branch_secretary', 'member']);
    const first = await r.taskOf('branch_secretary');
    await secretary
      .post(`/api/tasks/${first}/complete`)
      .send({ variables: { approved: true } })
      .expect(200);
    await secretary.post(`/api/tasks/${first}/withdraw`).send({ reason: '意见有误' }).expect(200);

    const twice = await secretary.post(`/api/tasks/${first}/withdraw`).send({}).expect(409);
    expect(twice.body.detail).toBe('该投票已撤回');
    const again = await r.taskOf('branch_secretary');
    expect(again).not.toBe(first);
    const view = await member.get(`/api/tasks/${await r.taskOf('member')}/votes`).expect(200);
    expect(view.body.round).toMatchObject({ approved: 0, rejected: 0, pending: 2 });
    const trail = await od.get(`/api/instances/${r.instanceId}/trail`).expect(200);
    expect(trail.body).toContainEqual(
      expect.objectContaining({ action: 'task.withdrawn', reason: '意见有误' }),
    );

    // the voter votes again; a rejection decides the round and the flow goes on
    await secretary
      .post(`/api/tasks/${again}/complete`)
      .send({ variables: { approved: true } })
      .expect(200);
    await member
      .post(`/api/tasks/${await r.taskOf('member')}/complete`)
      .send({ variables: { approved: false } })
      .expect(200);
    const instance = await od.get(`/api/instances/${r.instanceId}`).expect(200);
    expect(instance.body).toMatchObject({ status: 'active', variables: { votes: [true, false] } });
    const decided = await secretary.post(`/api/tasks/${again}/withdraw`).send({}).expect(409);
    expect(decided.body.detail).toBe('本轮表决已有结果，不能撤回投票');
  });
});
