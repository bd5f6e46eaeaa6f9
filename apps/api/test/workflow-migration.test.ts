/**
 * Moving running instances to a new version (迁移): user tasks, timers, messages,
 * multi-instance and sub-processes, the mapping's checks, the report, and who may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobExecutor } from '../src/workflow/jobs/job.executor.js';
import { WorkflowRuntimeService } from '../src/workflow/instances/workflow-runtime.service.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="https://orglife.example/test">
  <bpmn:message id="Msg_paid" name="paid">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:process id="wf_mig" name="测试迁移" isExecutable="true">`;
const FOOT = `</bpmn:process></bpmn:definitions>`;
const GROUP = `<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=&quot;branch_secretary@&quot; + orgUnitId" /></bpmn:extensionElements>`;
const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

interface Names {
  timer: string;
  votes: string;
  inner: string;
  /** A non-interrupting reminder timer on Draft. */
  remind?: boolean;
  /** Draft left out (a removed element). */
  noDraft?: boolean;
}

/** Start → fork → Draft | a timer | a message | a multi-instance vote | a sub-process → join → End. */
function model(n: Names): string {
  const branches = [...(n.noDraft ? [] : ['Draft']), n.timer, 'WaitPaid', n.votes, 'Sub'];
  return `${HEAD}
    <bpmn:startEvent id="Start" />
    ${flow('f0', 'Start', 'Fork')}
    <bpmn:parallelGateway id="Fork" />
    <bpmn:parallelGateway id="Join" />
    ${branches.map((b) => `${flow(`in_${b}`, 'Fork', b)}${flow(`out_${b}`, b, 'Join')}`).join('\n')}
    ${flow('fEnd', 'Join', 'End')}
    <bpmn:endEvent id="End" />
    ${n.noDraft ? '' : `<bpmn:userTask id="Draft" name="起草">${GROUP}</bpmn:userTask>`}
    ${
      n.remind
        ? `<bpmn:boundaryEvent id="Remind" attachedToRef="Draft" cancelActivity="false">
             <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
           </bpmn:boundaryEvent>
           ${flow('fRemind', 'Remind', 'Reminded')}
           <bpmn:endEvent id="Reminded" />`
        : ''
    }
    <bpmn:intermediateCatchEvent id="${n.timer}">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="WaitPaid"><bpmn:messageEventDefinition messageRef="Msg_paid" /></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="${n.votes}" name="表决">
      <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=voter" /></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=voters" inputElement="voter" /></bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:subProcess id="Sub">
      <bpmn:startEvent id="SubStart" />
      ${flow('s1', 'SubStart', n.inner)}
      <bpmn:userTask id="${n.inner}" name="子流程审核">${GROUP}</bpmn:userTask>
      ${flow('s2', n.inner, 'SubEnd')}
      <bpmn:endEvent id="SubEnd" />
    </bpmn:subProcess>
  ${FOOT}`;
}

const V1: Names = { timer: 'WaitTimer', votes: 'Votes', inner: 'Inner' };
const V2: Names = { timer: 'Pause', votes: 'Ballot', inner: 'Inner2', remind: true };
const V3: Names = { ...V1, noDraft: true };
const MAPPINGS = [
  { source: 'WaitTimer', target: 'Pause' },
  { source: 'Votes', target: 'Ballot' },
  { source: 'Inner', target: 'Inner2' },
];

describe('moving running instances to a new version', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;
  let c2: Client;
  let member: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    [od, secretary, c2, member] = await t.loginAll(
      'od_admin',
      'branch_secretary',
      'c2_secretary',
      'member',
    );
    for (const names of [V1, V2, V3]) {
      await od
        .post('/api/definitions')
        .send({ xml: model(names) })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  /** Starts on version 1 (the generic route would start the latest). */
  async function startOnV1(): Promise<string> {
    const unit = t.units['C1-B1'] as string;
    const voter = t.people['branch_secretary'] as string;
    const instance = await t.app.get(WorkflowRuntimeService).startProcess(null, {
      processId: 'wf_mig',
      version: 1,
      orgUnitId: unit,
      variables: { orgUnitId: unit, orderId: 'O-1', voters: [voter, voter] },
      startedBy: t.people['od_admin'] ?? null,
    });
    return instance.id;
  }

  const rows = (sql: string, params: unknown[]) => t.db.query(sql, params);

  it('moves user tasks, a timer, a message wait, a multi-instance vote and a sub-process, keeping ids and due times', async () => {
    const id = await startOnV1();
    const [timerBefore] = await rows(
      `SELECT id, due_at FROM wf_job WHERE instance_id = $1 AND kind = 'timer'`,
      [id],
    );
    const tasksBefore = await rows(
      `SELECT id, element_id FROM wf_task WHERE instance_id = $1 AND status = 'open' ORDER BY id`,
      [id],
    );
    expect(tasksBefore.map((r: { element_id: string }) => r.element_id).sort()).toEqual([
      'Draft',
      'Inner',
      'Votes',
      'Votes',
    ]);

    const report = await od
      .post('/api/definitions/wf_mig/migrations')
      .send({ fromVersion: 1, toVersion: 2, instanceIds: [id], mappings: MAPPINGS })
      .expect(200);
    expect(report.body).toMatchObject({ dryRun: false, moved: [{ instanceId: id }], skipped: [] });

    const detail = await od.get(`/api/instances/${id}`).expect(200);
    expect(detail.body.definitionVersion).toBe(2);
    expect(detail.body.migrations).toEqual([
      expect.objectContaining({ fromVersion: 1, toVersion: 2, actorName: expect.any(String) }),
    ]);

    const tasksAfter = await rows(
      `SELECT id, element_id FROM wf_task WHERE instance_id = $1 AND status = 'open' ORDER BY id`,
      [id],
    );
    expect(tasksAfter.map((r: { id: string }) => r.id)).toEqual(
      tasksBefore.map((r: { id: string }) => r.id),
    );
    expect(tasksAfter.map((r: { element_id: string }) => r.element_id).sort()).toEqual([
      'Ballot',
      'Ballot',
      'Draft',
      'Inner2',
    ]);
    const timers = await rows(
      `SELECT j.id, j.element_id, j.due_at, d.version FROM wf_job j JOIN wf_definition d ON d.id = j.definition_id
        WHERE j.instance_id = $1 AND j.kind = 'timer' ORDER BY j.element_id`,
      [id],
    );
    expect(timers).toEqual([
      expect.objectContaining({ id: timerBefore.id, element_id: 'Pause', version: 2 }),
      expect.objectContaining({ element_id: 'Remind', version: 2 }),
    ]);
    expect(new Date(timers[0].due_at).getTime()).toBe(new Date(timerBefore.due_at).getTime());
    const [sub] = await rows(
      `SELECT s.element_id, s.correlation_key, d.version FROM wf_subscription s
         JOIN wf_definition d ON d.id = s.definition_id WHERE s.instance_id = $1`,
      [id],
    );
    expect(sub).toEqual({ element_id: 'WaitPaid', correlation_key: 'O-1', version: 2 });

    const [audit] = await rows(
      `SELECT actor, detail FROM wf_audit WHERE instance_id = $1 AND action = 'instance.migrated'`,
      [id],
    );
    expect(audit.actor).toBe(t.people['od_admin']);
    expect(audit.detail).toMatchObject({ fromVersion: 1, toVersion: 2 });

    // The moved instance runs on v2 to its end.
    await od.post('/api/messages').send({ name: 'paid', correlationKey: 'O-1' }).expect(200);
    for (const task of tasksAfter as { id: string }[]) {
      await secretary.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
    }
    t.clock.advance(3 * 24 * 3600 * 1000);
    await t.app.get(JobExecutor).runDueJobs();
    const ended = await od.get(`/api/instances/${id}`).expect(200);
    expect(ended.body.status).toBe('completed');
  });

  it('checks without moving (dry run) and skips a token left on a removed element, saying why in Chinese', async () => {
    const id = await startOnV1();
    const check = await od
      .post('/api/definitions/wf_mig/migrations')
      .send({ fromVersion: 1, toVersion: 2, instanceIds: [id], mappings: MAPPINGS, dryRun: true })
      .expect(200);
    expect(check.body).toMatchObject({ dryRun: true, moved: [{ instanceId: id }] });
    expect((await od.get(`/api/instances/${id}`)).body.definitionVersion).toBe(1);

    const refused = await od
      .post('/api/definitions/wf_mig/migrations')
      .send({ fromVersion: 1, toVersion: 3 })
      .expect(200);
    expect(refused.body.moved).toEqual([]);
    const skipped = refused.body.skipped.find((s: { instanceId: string }) => s.instanceId === id);
    expect(skipped.reason).toContain('新版本没有环节 Draft');
    expect(skipped.problems).toEqual([
      expect.objectContaining({ code: 'removed', elementId: 'Draft' }),
    ]);
    expect((await od.get(`/api/instances/${id}`)).body.definitionVersion).toBe(1);

    const wrongKind = await od
      .post('/api/definitions/wf_mig/migrations')
      .send({
        fromVersion: 1,
        toVersion: 2,
        instanceIds: [id],
        mappings: [...MAPPINGS.slice(1), { source: 'WaitTimer', target: 'Draft' }],
      })
      .expect(200);
    expect(wrongKind.body.skipped[0].reason).toContain('映射到了不同类型的环节');
  });

  it('shows the active elements of a version and the elements of the target', async () => {
    await startOnV1();
    const plan = await secretary
      .get('/api/definitions/wf_mig/migration-plan?fromVersion=1&toVersion=2')
      .expect(200);
    expect(plan.body.active.map((a: { elementId: string }) => a.elementId)).toEqual(
      expect.arrayContaining(['Draft', 'Inner', 'Sub', 'Votes', 'WaitPaid', 'WaitTimer']),
    );
    expect(plan.body.targets.map((a: { elementId: string }) => a.elementId)).toContain('Ballot');
  });

  it('moves only what the caller reaches by role and org subtree', async () => {
    const id = await startOnV1();
    const outside = await c2
      .post('/api/definitions/wf_mig/migrations')
      .send({ fromVersion: 1, toVersion: 2, instanceIds: [id], mappings: MAPPINGS })
      .expect(200);
    expect(outside.body.moved).toEqual([]);
    expect(outside.body.skipped[0].reason).toContain('不在您的管辖范围内');
    const refused = await member
      .post('/api/definitions/wf_mig/migrations')
      .send({ fromVersion: 1, toVersion: 2, mappings: MAPPINGS })
      .expect(403);
    expect(refused.body.detail).toContain('迁移流程实例');
    const own = await secretary
      .post('/api/definitions/wf_mig/migrations')
      .send({ fromVersion: 1, toVersion: 2, instanceIds: [id], mappings: MAPPINGS })
      .expect(200);
    expect(own.body.moved).toEqual([{ instanceId: id, businessKey: null }]);
  });

  it('refuses bad versions naming the field', async () => {
    const same = await od
      .post('/api/definitions/wf_mig/migrations')
      .send({ fromVersion: 2, toVersion: 2 })
      .expect(400);
    expect(same.body.detail).toContain('toVersion');
    const missing = await od
      .post('/api/definitions/wf_mig/migrations')
      .send({ fromVersion: 1, toVersion: 9 })
      .expect(404);
    expect(missing.body.detail).toContain('toVersion：流程 wf_mig 没有版本 9');
  });
});
