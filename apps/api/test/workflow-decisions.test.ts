/** DMN decisions deployed beside the flows, called by business rule tasks (issue 18 point 8). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefinitionFilesLoader } from '../src/workflow/definitions/definition-files.loader.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

const FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="https://orglife.example/test">
  <bpmn:process id="wf_grade" name="测试出勤评定" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Grade" />
    <bpmn:businessRuleTask id="Grade" name="评定出勤">
      <bpmn:extensionElements><zeebe:calledDecision decisionId="attendance_grade" resultVariable="grade" /></bpmn:extensionElements>
    </bpmn:businessRuleTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Grade" targetRef="Review" />
    <bpmn:userTask id="Review" name="确认">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=&quot;branch_secretary@&quot; + orgUnitId" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

function decisions(passLabel: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Attendance" name="出勤评定" namespace="https://orglife.example/dmn">
  <decision id="attendance_grade" name="出勤评定">
    <decisionTable id="GradeTable" hitPolicy="FIRST">
      <input id="In_Rate" label="出勤率"><inputExpression typeRef="number"><text>rate</text></inputExpression></input>
      <output id="Out_Grade" name="grade" typeRef="string" />
      <rule id="Pass"><inputEntry><text>&gt;= 0.9</text></inputEntry><outputEntry><text>"${passLabel}"</text></outputEntry></rule>
      <rule id="Fail"><inputEntry><text>-</text></inputEntry><outputEntry><text>"不达标"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;
}

describe('DMN decisions deployed beside the flows', () => {
  let t: TestApp;
  let od: Client;
  let member: Client;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    [od, member] = await t.loginAll('od_admin', 'member');
    await od.post('/api/definitions').send({ xml: FLOW }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  async function start(rate: number) {
    const unit = t.units['C1-B1']!;
    const started = await od
      .post('/api/instances')
      .send({ processId: 'wf_grade', orgUnitId: unit, variables: { orgUnitId: unit, rate } })
      .expect(201);
    return (await od.get(`/api/instances/${started.body.id}`).expect(200)).body as {
      id: string;
      variables: Record<string, unknown>;
    };
  }

  it('a business rule task whose decision is not deployed stops at an incident naming it', async () => {
    const instance = await start(0.95);
    const incidents = await od
      .get(`/api/incidents?status=open&instanceId=${instance.id}`)
      .expect(200);
    expect(incidents.body.items[0]).toMatchObject({
      elementId: 'Grade',
      message: expect.stringContaining('attendance_grade'),
    });
  });

  it('only the Organization Department deploys decisions; a broken file is refused whole, naming the element', async () => {
    await member
      .post('/api/decisions')
      .send({ xml: decisions('达标') })
      .expect(403);
    await member.get('/api/decisions').expect(403);
    const broken = await od
      .post('/api/decisions')
      .send({ xml: decisions('达标" +'), sourceName: 'attendance.dmn' })
      .expect(400);
    expect(broken.body.detail).toBe('决策文件有 1 处问题，未部署');
    expect(broken.body.problems).toEqual([
      expect.objectContaining({
        elementId: expect.stringMatching(/Pass|GradeTable|attendance_grade/),
      }),
    ]);
    expect((await od.get('/api/decisions').expect(200)).body).toEqual([]);
  });

  it('once deployed, the task evaluates the decision; a new deployment takes over for later steps', async () => {
    const deployed = await od
      .post('/api/decisions')
      .send({ xml: decisions('达标'), sourceName: 'attendance.dmn' })
      .expect(201);
    expect(deployed.body).toEqual([
      expect.objectContaining({
        decisionId: 'attendance_grade',
        name: '出勤评定',
        sourceName: 'attendance.dmn',
      }),
    ]);
    expect((await start(0.95)).variables['grade']).toBe('达标');
    expect((await start(0.5)).variables['grade']).toBe('不达标');

    const again = await od
      .post('/api/decisions')
      .send({ xml: decisions('达标') })
      .expect(201);
    expect(again.body[0].deploymentId).toBe(deployed.body[0].deploymentId);

    await od
      .post('/api/decisions')
      .send({ xml: decisions('优秀') })
      .expect(201);
    expect((await start(0.95)).variables['grade']).toBe('优秀');
    const listed = await od.get('/api/decisions').expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].deploymentId).not.toBe(deployed.body[0].deploymentId);
  });

  it('a .dmn file in workflows/ deploys at start-up once, and never replaces a later upload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orglife-dmn-'));
    try {
      writeFileSync(join(dir, 'attendance.dmn'), decisions('合格'));
      const restart = () => t.app.get(DefinitionFilesLoader).deployFolder(dir);
      await restart();
      expect((await start(0.95)).variables['grade']).toBe('合格');
      await od
        .post('/api/decisions')
        .send({ xml: decisions('良好') })
        .expect(201);
      await restart();
      expect((await start(0.95)).variables['grade']).toBe('良好');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
