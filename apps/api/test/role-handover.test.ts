/**
 * 换届 / 职务交接 (issue 19 point 10): a role on a unit passes to a new holder with its open
 * tasks, drafts and records; the old holder keeps reading what they did, not the open work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="https://orglife.example/test">
  <bpmn:process id="wf_handover" name="测试换届" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Draft" />
    <bpmn:userTask id="Draft" name="起草计划">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition assignee="=drafter" candidateGroups="=&quot;branch_secretary@&quot; + branchId" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Draft" targetRef="Review" />
    <bpmn:userTask id="Review" name="审批计划">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="=&quot;committee_secretary@&quot; + committeeId" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** A step named to a person alone (no candidates): the unit's work when its flow is the unit's. */
const NAMED_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="https://orglife.example/test">
  <bpmn:process id="wf_handover_named" name="测试指名" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Summary" />
    <bpmn:userTask id="Summary" name="撰写总结">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition assignee="=writer" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Summary" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

describe('换届 handover of a role', () => {
  let t: TestApp;
  let od: Client;
  let oldHolder: Client;
  let member: Client;
  let oldId: string;
  let newId: string;
  let assignmentId: string;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    [od, oldHolder, member] = await t.loginAll('od_admin', 'branch_secretary', 'member');
    oldId = t.people['branch_secretary']!;
    newId = t.people['member']!;
    await od.post('/api/definitions').send({ xml: XML }).expect(201);
    await od.post('/api/definitions').send({ xml: NAMED_XML }).expect(201);
    const [row] = await t.db.query(
      `SELECT id FROM role_assignment WHERE person_id = $1 AND role = 'branch_secretary'`,
      [oldId],
    );
    assignmentId = row.id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(): Promise<string> {
    const res = await od
      .post('/api/instances')
      .send({
        processId: 'wf_handover',
        orgUnitId: t.units['C1-B1'],
        variables: { drafter: oldId, branchId: t.units['C1-B1'], committeeId: t.units['C1'] },
      })
      .expect(201);
    return res.body.id as string;
  }
  const taskOf = async (instanceId: string, elementId: string) =>
    (
      await t.db.query(
        `SELECT id, assignee, status FROM wf_task WHERE instance_id = $1 AND element_id = $2`,
        [instanceId, elementId],
      )
    )[0] as { id: string; assignee: string | null; status: string };

  it('refuses the same person, someone outside the unit, and people who may not grant the role, in Chinese', async () => {
    const self = await od
      .post(`/api/role-assignments/${assignmentId}/handover`)
      .send({ toPersonId: oldId })
      .expect(400);
    expect(JSON.stringify(self.body)).toContain('同一人');
    const outside = await od
      .get(`/api/role-assignments/${assignmentId}/handover`)
      .query({ toPersonId: t.people['c2b1_secretary'] })
      .expect(400);
    expect(JSON.stringify(outside.body)).toContain('只能交接给本组织的人员');
    await member
      .post(`/api/role-assignments/${assignmentId}/handover`)
      .send({ toPersonId: newId })
      .expect(403);
  });

  it('moves the open tasks and drafts to the new holder, shows them first, and leaves the done work readable', async () => {
    // done before the handover: the old holder drafted it; it is with the committee now
    const done = await start();
    const doneDraft = await taskOf(done, 'Draft');
    await oldHolder.post(`/api/tasks/${doneDraft.id}/complete`).send({ variables: {} }).expect(200);
    // open: the old holder is drafting
    const open = await start();
    const openDraft = await taskOf(open, 'Draft');
    expect(openDraft.assignee).toBe(oldId);
    // named to the old holder alone: in a flow of the branch it moves, in another unit's it stays
    const named = async (unit: string) =>
      (
        await od
          .post('/api/instances')
          .send({
            processId: 'wf_handover_named',
            orgUnitId: t.units[unit],
            variables: { writer: oldId },
          })
          .expect(201)
      ).body.id as string;
    const branchNamed = await taskOf(await named('C1-B1'), 'Summary');
    const elsewhereNamed = await taskOf(await named('C2-B1'), 'Summary');

    const preview = await od
      .get(`/api/role-assignments/${assignmentId}/handover`)
      .query({ toPersonId: newId })
      .expect(200);
    expect(preview.body).toMatchObject({
      role: 'branch_secretary',
      fromPersonId: oldId,
      toPersonId: newId,
      tasks: [
        expect.objectContaining({ id: openDraft.id, holds: 'assignee', via: 'role' }),
        expect.objectContaining({ id: branchNamed.id, holds: 'assignee', via: 'name' }),
      ],
    });
    // both flows are running: a plan returned for revision goes back to its drafter, now the new one
    expect(preview.body.drafts.map((d: { instanceId: string }) => d.instanceId).sort()).toEqual(
      [done, open].sort(),
    );
    // a preview changes nothing
    expect((await taskOf(open, 'Draft')).assignee).toBe(oldId);

    await od
      .post(`/api/role-assignments/${assignmentId}/handover`)
      .send({ toPersonId: newId, note: '2026 年换届' })
      .expect(200);

    expect((await taskOf(open, 'Draft')).assignee).toBe(newId);
    const summaries = await t.db.query(`SELECT id, assignee FROM wf_task WHERE id = ANY($1)`, [
      [branchNamed.id, elsewhereNamed.id],
    ]);
    expect(
      Object.fromEntries(
        summaries.map((r: { id: string; assignee: string }) => [r.id, r.assignee]),
      ),
    ).toEqual({
      [branchNamed.id]: newId,
      [elsewhereNamed.id]: oldId,
    });
    const [state] = await t.db.query(`SELECT state FROM wf_instance WHERE id = $1`, [open]);
    expect(state.state.variables.drafter).toBe(newId);
    const roles = await t.db.query(
      `SELECT person_id FROM role_assignment WHERE role = 'branch_secretary' AND org_unit_id = $1`,
      [t.units['C1-B1']],
    );
    expect(roles.map((r: { person_id: string }) => r.person_id)).toEqual([newId]);

    // the trail says who held it
    const trail = await od.get(`/api/instances/${open}/trail`).expect(200);
    const moved = trail.body.find((e: { action: string }) => e.action === 'task.handed-over');
    expect(moved).toMatchObject({ taskName: '起草计划' });
    expect(moved.reason).toContain('换届');
    expect(moved.targetName).toBeTruthy();
    const audit = await od.get('/api/audit').query({ action: 'role.handed-over' }).expect(200);
    expect(audit.body.items).toHaveLength(1);

    // the new holder has the work; the old one keeps what they did, not the open work
    const fresh = await t.login('member');
    const inbox = await fresh.get('/api/tasks?tab=mine&pageSize=100').expect(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(openDraft.id);
    const before = await t.login('branch_secretary');
    await before.get(`/api/tasks/${doneDraft.id}`).expect(200);
    await before.get(`/api/tasks/${openDraft.id}`).expect(403);
    await before.post(`/api/tasks/${openDraft.id}/complete`).send({ variables: {} }).expect(403);
  });
});
