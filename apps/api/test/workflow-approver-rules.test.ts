/**
 * 审批人规则 (issue 19 point 8): a user task's model skips the step when its approver submitted
 * it or already approved the item (去重), and sends a task nobody can take to the unit's
 * secretary; each recorded in the instance's trail with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

function header(key: string, value: string): string {
  return `<zeebe:header key="${key}" value="${value.replace(/"/g, '&quot;')}" />`;
}

function userTask(id: string, assignment: string, headers = ''): string {
  return `<bpmn:userTask id="${id}" name="${id}">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition ${assignment} />
        ${headers ? `<zeebe:taskHeaders>${headers}</zeebe:taskHeaders>` : ''}
      </bpmn:extensionElements>
    </bpmn:userTask>`;
}

/** A process running `tasks` one after another. */
function flow(processId: string, tasks: string[]): string {
  const ids = ['Start', ...tasks.map((t) => /id="([^"]+)"/.exec(t)![1]!), 'End'];
  const flows = ids
    .slice(1)
    .map((to, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${ids[i]}" targetRef="${to}" />`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="https://orglife.example/test">
  <bpmn:process id="${processId}" name="审批人规则" isExecutable="true">
    <bpmn:startEvent id="Start" />
    ${tasks.join('\n')}
    <bpmn:endEvent id="End" />
    ${flows}
  </bpmn:process>
</bpmn:definitions>`;
}

const SUBMITTER = flow('wf_rule_submitter', [
  userTask('Draft', 'assignee="=drafter"'),
  userTask(
    'Approve',
    'assignee="=approver"',
    header('orglife.skipIfSubmitter', 'true') +
      header('orglife.skipVariables', '{"approvalDecision":"approve"}'),
  ),
  userTask('After', 'assignee="=drafter"'),
]);

/** The skipped step copies the committee secretary (抄送 from the model). */
const SUBMITTER_CC = flow('wf_rule_submitter_cc', [
  userTask('Draft', 'assignee="=drafter"'),
  userTask(
    'Approve',
    'assignee="=approver"',
    header('orglife.skipIfSubmitter', 'true') + header('orglife.cc', 'committee_secretary'),
  ),
  userTask('After', 'assignee="=drafter"'),
]);

const DEDUPE = flow('wf_rule_dedupe', [
  userTask('Level1', 'assignee="=first"'),
  userTask('Level2', 'assignee="=second"', header('orglife.skipIfApprovedBefore', 'true')),
  userTask('After', 'assignee="=first"'),
]);

const FALLBACK = flow('wf_rule_fallback', [
  userTask(
    'Approve',
    'candidateGroups="=role + &quot;@&quot; + unit"',
    header('orglife.fallback', 'unitSecretary'),
  ),
]);

interface TaskRow {
  id: string;
  element_id: string;
  assignee: string | null;
  status: string;
  candidate_groups: string[];
}

describe('approver rules (审批人规则)', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;
  let committee: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    [od, secretary, committee] = await t.loginAll(
      'od_admin',
      'branch_secretary',
      'committee_secretary',
    );
    for (const xml of [SUBMITTER, SUBMITTER_CC, DEDUPE, FALLBACK]) {
      await od.post('/api/definitions').send({ xml }).expect(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(processId: string, variables: Record<string, unknown>): Promise<string> {
    const started = await od
      .post('/api/instances')
      .send({ processId, orgUnitId: t.units['C1-B1'], variables })
      .expect(201);
    return started.body.id as string;
  }
  const tasks = async (instanceId: string) =>
    (await t.db.query(
      `SELECT id, element_id, assignee, status, candidate_groups FROM wf_task
        WHERE instance_id = $1 ORDER BY created_at, id`,
      [instanceId],
    )) as TaskRow[];
  const open = async (instanceId: string, elementId: string) =>
    (await tasks(instanceId)).find((r) => r.element_id === elementId && r.status === 'open');
  const trail = async (instanceId: string) =>
    (await od.get(`/api/instances/${instanceId}/trail`).expect(200)).body as {
      action: string;
      taskName: string | null;
      targetName: string | null;
      reason: string | null;
    }[];

  it('skips the step whose approver submitted it, as approved by rule, with the reason in the trail', async () => {
    const secretaryId = t.people['branch_secretary']!;
    const id = await start('wf_rule_submitter', { drafter: secretaryId, approver: secretaryId });
    const draft = await open(id, 'Draft');
    await secretary.post(`/api/tasks/${draft!.id}/complete`).send({ variables: {} }).expect(200);

    const rows = await tasks(id);
    expect(rows.find((r) => r.element_id === 'Approve')).toMatchObject({ status: 'completed' });
    expect(await open(id, 'After')).toBeTruthy();
    const [instance] = await t.db.query(`SELECT state FROM wf_instance WHERE id = $1`, [id]);
    expect(JSON.stringify(instance.state)).toContain('"approvalDecision":"approve"');
    const skipped = (await trail(id)).find((e) => e.action === 'task.skipped');
    expect(skipped).toMatchObject({ taskName: 'Approve', reason: '审批人即提交人，按规则跳过' });
    expect(skipped?.targetName).toBeTruthy();

    // another approver: the step waits for them
    const other = await start('wf_rule_submitter', {
      drafter: secretaryId,
      approver: t.people['committee_secretary'],
    });
    await secretary
      .post(`/api/tasks/${(await open(other, 'Draft'))!.id}/complete`)
      .send({ variables: {} })
      .expect(200);
    expect(await open(other, 'Approve')).toMatchObject({
      assignee: t.people['committee_secretary'],
    });
  });

  it("a skipped step still sends its model's 抄送, the trail saying it was skipped", async () => {
    const secretaryId = t.people['branch_secretary']!;
    const id = await start('wf_rule_submitter_cc', { drafter: secretaryId, approver: secretaryId });
    await secretary
      .post(`/api/tasks/${(await open(id, 'Draft'))!.id}/complete`)
      .send({ variables: {} })
      .expect(200);

    const approve = (await tasks(id)).find((r) => r.element_id === 'Approve')!;
    expect(approve.status).toBe('completed');
    const copies = await committee.get('/api/task-copies').expect(200);
    expect(copies.body.items).toContainEqual(
      expect.objectContaining({ taskId: approve.id, source: 'model', copiedBy: secretaryId }),
    );
    const copied = (await trail(id)).find((e) => e.action === 'task.copied');
    expect(copied).toMatchObject({ taskName: 'Approve', reason: '该步骤按规则跳过，仍按模型抄送' });
  });

  it('去重: skips the step whose approver already approved an earlier step of the instance', async () => {
    const committeeId = t.people['committee_secretary']!;
    const id = await start('wf_rule_dedupe', { first: committeeId, second: committeeId });
    await committee
      .post(`/api/tasks/${(await open(id, 'Level1'))!.id}/complete`)
      .send({ variables: {} })
      .expect(200);
    expect((await tasks(id)).find((r) => r.element_id === 'Level2')).toMatchObject({
      status: 'completed',
    });
    expect(await open(id, 'After')).toBeTruthy();
    expect((await trail(id)).find((e) => e.action === 'task.skipped')).toMatchObject({
      taskName: 'Level2',
      reason: '审批人已在前序环节审批同意，按规则跳过（去重）',
    });

    const other = await start('wf_rule_dedupe', {
      first: committeeId,
      second: t.people['organizer'],
    });
    await committee
      .post(`/api/tasks/${(await open(other, 'Level1'))!.id}/complete`)
      .send({ variables: {} })
      .expect(200);
    expect(await open(other, 'Level2')).toMatchObject({ assignee: t.people['organizer'] });
  });

  it("sends a task nobody's role can take to the unit's secretary, up the org tree when that is empty too", async () => {
    // nobody is 副书记 of C2: its committee secretary takes it
    const c2 = await start('wf_rule_fallback', { role: 'committee_deputy', unit: t.units['C2'] });
    expect(await open(c2, 'Approve')).toMatchObject({
      candidate_groups: [`committee_secretary@${t.units['C2']}`],
    });
    const entry = (await trail(c2)).find((e) => e.action === 'task.fallback');
    expect(entry).toMatchObject({ reason: '无人担任审批角色，按规则转由组织书记办理' });
    expect(entry?.targetName).toBeTruthy();
    const inbox = await t.login('c2_secretary');
    const claimable = await inbox.get('/api/tasks?tab=claimable&pageSize=100').expect(200);
    expect(claimable.body.items.map((i: { instanceId: string }) => i.instanceId)).toContain(c2);

    // a group of C2-B1 (no roles of its own): the branch's secretary; with none, the committee's
    const group = t.units['C2-B1-G1'];
    const toBranch = await start('wf_rule_fallback', { role: 'leader', unit: group });
    expect(await open(toBranch, 'Approve')).toMatchObject({
      candidate_groups: [`branch_secretary@${t.units['C2-B1']}`],
    });
    await t.db.query(
      `DELETE FROM role_assignment WHERE role = 'branch_secretary' AND org_unit_id = $1`,
      [t.units['C2-B1']],
    );
    const toCommittee = await start('wf_rule_fallback', { role: 'leader', unit: group });
    expect(await open(toCommittee, 'Approve')).toMatchObject({
      candidate_groups: [`committee_secretary@${t.units['C2']}`],
    });

    // a role someone holds: no fallback
    const held = await start('wf_rule_fallback', { role: 'organizer', unit: t.units['C2'] });
    expect(await open(held, 'Approve')).toMatchObject({
      candidate_groups: [`organizer@${t.units['C2']}`],
    });
  });

  it('refuses to deploy a model whose approver rule has a bad value, naming the step', async () => {
    const bad = flow('wf_rule_bad', [
      userTask('Check', 'assignee="=x"', header('orglife.fallback', 'boss')),
    ]);
    const res = await od.post('/api/definitions').send({ xml: bad }).expect(400);
    expect(JSON.stringify(res.body)).toContain('Check');
    expect(JSON.stringify(res.body)).toContain('orglife.fallback');
  });
});
