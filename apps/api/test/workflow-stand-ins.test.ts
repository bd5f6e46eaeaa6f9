/** 代理 (issue 19 point 9): a stand-in named for a period takes the new work, "代 X 办理". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="https://orglife.example/test">
  <bpmn:process id="wf_stand_in" name="测试代理" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Approve" />
    <bpmn:userTask id="Approve" name="审批">
      <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=approver" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Approve" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const DAY = 24 * 3600 * 1000;

describe('stand-ins (代理)', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;
  let standIn: Client;
  let member: Client;
  let secretaryId: string;
  let standInId: string;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    [od, secretary, standIn, member] = await t.loginAll(
      'od_admin',
      'branch_secretary',
      'c1b2_secretary',
      'member',
    );
    secretaryId = t.people['branch_secretary'] as string;
    standInId = t.people['c1b2_secretary'] as string;
    await od.post('/api/definitions').send({ xml: XML }).expect(201);
    await deploy(od, 'wf-return');
  });
  afterAll(async () => {
    await t.close();
  });

  async function taskFor(approver: string) {
    const started = await od
      .post('/api/instances')
      .send({ processId: 'wf_stand_in', orgUnitId: t.units['C1-B1'], variables: { approver } })
      .expect(201);
    const [task] = await t.db.query(
      `SELECT id, assignee, on_behalf_of FROM wf_task WHERE instance_id = $1`,
      [started.body.id],
    );
    return task as { id: string; assignee: string; on_behalf_of: string | null };
  }

  it('sends new work to the stand-in during the period, marked on behalf of the person, and back after it', async () => {
    const now = t.clock.now().getTime();
    const named = await secretary
      .post('/api/stand-ins')
      .send({
        standInId,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 3 * DAY).toISOString(),
        reason: 'business_trip',
        note: '赴京培训',
      })
      .expect(201);

    const during = await taskFor(secretaryId);
    expect(during).toMatchObject({ assignee: standInId, on_behalf_of: secretaryId });
    const seen = await standIn.get(`/api/tasks/${during.id}`).expect(200);
    const secretaryName = (
      await t.db.query(`SELECT name FROM person WHERE id = $1`, [secretaryId])
    )[0].name as string;
    expect(seen.body).toMatchObject({
      assignee: standInId,
      onBehalfOf: secretaryId,
      onBehalfOfName: secretaryName,
    });
    const inbox = await standIn.get('/api/tasks?tab=mine&pageSize=100').expect(200);
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({ id: during.id, onBehalfOfName: secretaryName }),
    );
    const [audit] = await t.db.query(
      `SELECT detail FROM wf_audit WHERE task_id = $1 AND action = 'task.stand-in'`,
      [during.id],
    );
    expect(audit.detail).toEqual({ for: secretaryId, standIn: standInId });

    const listed = await standIn.get('/api/stand-ins').expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        id: named.body.id,
        personId: secretaryId,
        reason: 'business_trip',
      }),
    ]);

    t.clock.advance(3 * DAY + 1000);
    expect(await taskFor(secretaryId)).toMatchObject({ assignee: secretaryId, on_behalf_of: null });
  });

  it('a revoked stand-in takes no more work', async () => {
    const now = t.clock.now().getTime();
    const named = await secretary
      .post('/api/stand-ins')
      .send({
        standInId,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + DAY).toISOString(),
        reason: 'leave',
      })
      .expect(201);
    await member.post(`/api/stand-ins/${named.body.id}/revoke`).expect(403);
    await secretary.post(`/api/stand-ins/${named.body.id}/revoke`).expect(204);
    expect(await taskFor(secretaryId)).toMatchObject({ assignee: secretaryId, on_behalf_of: null });
    const again = await secretary.post(`/api/stand-ins/${named.body.id}/revoke`).expect(404);
    expect(again.body.detail).toContain('已撤销');
  });

  it('a stand-in named through another API process takes work here within a second', async () => {
    expect(await taskFor(secretaryId)).toMatchObject({ assignee: secretaryId }); // list read now
    const now = t.clock.now().getTime();
    // as another process writes it: this process is not told
    const [row] = await t.db.query(
      `INSERT INTO wf_stand_in (id, person_id, stand_in_id, starts_at, ends_at, reason, created_by, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'leave', $5, $3) RETURNING id`,
      [secretaryId, standInId, new Date(now), new Date(now + DAY), secretaryId],
    );
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await taskFor(secretaryId)).toMatchObject({
      assignee: standInId,
      on_behalf_of: secretaryId,
    });
    await t.db.query(`UPDATE wf_stand_in SET revoked_at = now() WHERE id = $1`, [row.id]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await taskFor(secretaryId)).toMatchObject({ assignee: secretaryId, on_behalf_of: null });
  });

  it('refuses a stand-in for oneself, a period ending before it starts, and naming one for someone out of reach', async () => {
    const now = t.clock.now().getTime();
    const period = {
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + DAY).toISOString(),
      reason: 'leave',
    };
    const self = await secretary
      .post('/api/stand-ins')
      .send({ ...period, standInId: secretaryId })
      .expect(400);
    expect(self.body.detail).toContain('不能指定本人为代理人');
    expect(self.body.errors).toEqual([expect.objectContaining({ field: 'standInId' })]);
    const backwards = await secretary
      .post('/api/stand-ins')
      .send({ ...period, endsAt: new Date(now - DAY).toISOString(), standInId })
      .expect(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'endsAt' })]);
    const other = await member
      .post('/api/stand-ins')
      .send({ ...period, personId: secretaryId, standInId })
      .expect(403);
    expect(other.body.detail).toContain('只能为本人或所管辖组织的人员指定代理人');
    await od
      .post('/api/stand-ins')
      .send({ ...period, personId: secretaryId, standInId })
      .expect(201);
  });

  it('work sent back (退回) to a step the person did goes to their stand-in while they are away', async () => {
    const unit = t.units['C1-B1']!;
    const started = await secretary
      .post('/api/instances')
      .send({ processId: 'wf_return', orgUnitId: unit, variables: { orgUnitId: unit } })
      .expect(201);
    const openAt = async (elementId: string) =>
      (
        await t.db.query<{ id: string }[]>(
          `SELECT id FROM wf_task WHERE instance_id = $1 AND status = 'open' AND element_id = $2`,
          [started.body.id, elementId],
        )
      )[0]!.id;
    await secretary
      .post(`/api/tasks/${await openAt('Draft')}/complete`)
      .send({})
      .expect(200);
    const now = t.clock.now().getTime();
    const named = await secretary
      .post('/api/stand-ins')
      .send({
        standInId,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + DAY).toISOString(),
        reason: 'leave',
      })
      .expect(201);
    const branchCommittee = await t.login('branch_committee');
    await branchCommittee
      .post(`/api/tasks/${await openAt('Review')}/return`)
      .send({ target: 'Draft', reason: '缺少会议记录' })
      .expect(200);
    const draft = await openAt('Draft');
    const [row] = await t.db.query<{ assignee: string; on_behalf_of: string | null }[]>(
      `SELECT assignee, on_behalf_of FROM wf_task WHERE id = $1`,
      [draft],
    );
    expect(row).toEqual({ assignee: standInId, on_behalf_of: secretaryId });
    const [audit] = await t.db.query<{ detail: unknown }[]>(
      `SELECT detail FROM wf_audit WHERE task_id = $1 AND action = 'task.stand-in'`,
      [draft],
    );
    expect(audit?.detail).toEqual({ for: secretaryId, standIn: standInId });
    await secretary.post(`/api/stand-ins/${named.body.id}/revoke`).expect(204);
  });

  it('the stand-in may take the pooled work (可认领) of the person away, on their behalf, and not after', async () => {
    t.clock.advance(2 * DAY); // past every stand-in the tests above named
    const unit = t.units['C1-B1']!;
    const started = await od
      .post('/api/instances')
      .send({ processId: 'wf_return', orgUnitId: unit, variables: { orgUnitId: unit } })
      .expect(201);
    const [{ id: draft }] = (await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND element_id = 'Draft'`,
      [started.body.id],
    )) as [{ id: string }];
    const claimable = async () =>
      (
        (await standIn.get('/api/tasks?tab=claimable&pageSize=100').expect(200)).body.items as {
          id: string;
        }[]
      ).map((task) => task.id);
    expect(await claimable()).not.toContain(draft);
    await standIn.post(`/api/tasks/${draft}/claim`).expect(403);

    const now = t.clock.now().getTime();
    const named = await secretary
      .post('/api/stand-ins')
      .send({
        standInId,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + DAY).toISOString(),
        reason: 'business_trip',
      })
      .expect(201);
    expect(await claimable()).toContain(draft);
    const counts = await standIn.get('/api/tasks/counts').expect(200);
    expect(counts.body.claimable).toBeGreaterThanOrEqual(1);
    const claimed = await standIn.post(`/api/tasks/${draft}/claim`).expect(200);
    expect(claimed.body).toMatchObject({ assignee: standInId, onBehalfOf: secretaryId });
    const [audit] = await t.db.query<{ detail: unknown }[]>(
      `SELECT detail FROM wf_audit WHERE task_id = $1 AND action = 'task.claimed'`,
      [draft],
    );
    expect(audit?.detail).toMatchObject({ for: secretaryId });

    await secretary.post(`/api/stand-ins/${named.body.id}/revoke`).expect(204);
    const later = await od
      .post('/api/instances')
      .send({ processId: 'wf_return', orgUnitId: unit, variables: { orgUnitId: unit } })
      .expect(201);
    const [{ id: laterDraft }] = (await t.db.query<{ id: string }[]>(
      `SELECT id FROM wf_task WHERE instance_id = $1 AND element_id = 'Draft'`,
      [later.body.id],
    )) as [{ id: string }];
    expect(await claimable()).not.toContain(laterDraft);
    await standIn.post(`/api/tasks/${laterDraft}/claim`).expect(403);
  });
});
