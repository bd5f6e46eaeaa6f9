// @vitest-environment node
/**
 * The 会签 / 或签 / 票签 element templates: a task as they leave it lints clean under
 * @camunda/linting and runs on packages/engine — the round ends as soon as its outcome is known.
 */
import { Linter } from '@camunda/linting';
import { compile, execute, startInstance, type UserTaskInfo } from '@orglife/engine';
import { describe, expect, it } from 'vitest';
import {
  COMPLETION,
  VOTE_LOOP,
  VOTE_TEMPLATES,
  type VoteKind,
} from '@/modules/flows/modeler/vote-templates/vote-templates';

const now = '2026-12-01T00:00:00.000Z';

/** The task the template and the loop behaviour produce, with a gateway on `votes`. */
function flow(kind: VoteKind): string {
  const template = VOTE_TEMPLATES.find((t) => t.id === `orglife.vote.${kind}`)!;
  const input = template.properties.find((p) => p.binding.type === 'zeebe:input');
  const ioMapping = input
    ? `<zeebe:ioMapping><zeebe:input source="${input.value}" target="${input.binding.name}" /></zeebe:ioMapping>`
    : '';
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="vote_${kind}" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Vote" name="表决" zeebe:modelerTemplate="${template.id}" zeebe:modelerTemplateVersion="1">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition externalReference="orglife:vote" />
        <zeebe:assignmentDefinition assignee="=approver" />
        <zeebe:taskHeaders><zeebe:header key="orglife.vote" value="${kind}" /></zeebe:taskHeaders>
        ${ioMapping}
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements>
          <zeebe:loopCharacteristics inputCollection="${VOTE_LOOP.inputCollection}" inputElement="${VOTE_LOOP.inputElement}" outputCollection="${VOTE_LOOP.outputCollection}" outputElement="${VOTE_LOOP.outputElement}" />
        </bpmn:extensionElements>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${esc(COMPLETION[kind])}</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Vote" />
    <bpmn:sequenceFlow id="f2" sourceRef="Vote" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="vote_${kind}">
    <bpmndi:BPMNShape id="s1" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s2" bpmnElement="Vote"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s3" bpmnElement="End"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="e1" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="e2" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** Casts the votes in order; returns the instance's status and its `votes` after each. */
async function cast(kind: VoteKind, approvers: number, votes: boolean[]) {
  const compiled = await compile(flow(kind));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const def = compiled.definition;
  const started = startInstance(def, {
    instanceId: 'i',
    variables: { approvers: Array.from({ length: approvers }, (_, i) => `p${i}`) },
    now,
  });
  const tasks = started.effects.flatMap((e) => (e.type === 'taskCreated' ? [e.task] : []));
  let state = started.state;
  const statuses: string[] = [];
  votes.forEach((approved, i) => {
    const task = tasks[i] as UserTaskInfo;
    state = execute(def, JSON.parse(JSON.stringify(state)), {
      type: 'completeTask',
      taskId: task.id,
      variables: { approved },
      now,
    }).state;
    statuses.push(state.status);
  });
  return { statuses, votes: state.variables['votes'] };
}

describe('vote element templates', () => {
  const linter = new Linter({ modeler: 'desktop', type: 'cloud' });

  it.each(['all', 'any', 'count', 'share'] as const)(
    '%s: the task it makes has no lint error or warning',
    async (kind) => {
      const reports = await linter.lint(flow(kind));
      expect(reports.map((r) => `${r.category} ${r.id}: ${r.message} (${r.rule})`)).toEqual([]);
    },
  );

  it('会签 ends at the first rejection; 或签 at the first approval', async () => {
    expect(await cast('all', 3, [true, false])).toEqual({
      statuses: ['active', 'completed'],
      votes: [true, false, null],
    });
    expect(await cast('any', 3, [false, true])).toEqual({
      statuses: ['active', 'completed'],
      votes: [false, true, null],
    });
  });

  it('票签 by count (2 of 4) ends once two approve, or once three reject (two can no longer approve)', async () => {
    expect((await cast('count', 4, [true, false, true])).statuses).toEqual([
      'active',
      'active',
      'completed',
    ]);
    expect((await cast('count', 4, [false, false, false])).statuses).toEqual([
      'active',
      'active',
      'completed',
    ]);
  });

  it('票签 by share (half of 4) ends once half approve', async () => {
    expect((await cast('share', 4, [true, true])).statuses).toEqual(['active', 'completed']);
    expect((await cast('share', 4, [false, false, false])).statuses).toEqual([
      'active',
      'active',
      'completed',
    ]);
  });
});
