import { describe, expect, it } from 'vitest';
import { compile, MemoryRuntime, type CompiledDefinition } from '../../src/index.js';
import { T0 } from '../support/scenario.js';

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';

async function compiled(process: string): Promise<CompiledDefinition> {
  const result = await compile(
    `<bpmn:definitions ${NS} id="d" targetNamespace="t">${process}</bpmn:definitions>`,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

const PARENT = `<bpmn:process id="parent" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>`;

const CHILD = `<bpmn:process id="child" isExecutable="true">
    <bpmn:startEvent id="c_start" />
    <bpmn:endEvent id="c_end" />
    <bpmn:sequenceFlow id="c1" sourceRef="c_start" targetRef="c_end" />
  </bpmn:process>`;

describe('a call activity whose process is not deployed (as Zeebe: an incident at the call)', () => {
  it('stops at an incident on the call activity; once the process is deployed, resolving it calls again', async () => {
    const runtime = new MemoryRuntime({ now: T0 });
    runtime.deploy(await compiled(PARENT));
    const parent = runtime.start('parent')!;

    expect(runtime.problems).toEqual([]);
    expect(parent.state.status).toBe('active');
    const [incident] = Object.values(parent.state.incidents);
    expect(incident).toMatchObject({
      elementId: 'call',
      message: "Expected process with BPMN process id 'child' to be deployed, but not found.",
    });

    runtime.command(parent.id, { type: 'resolveIncident', incidentId: incident!.id });
    expect(Object.values(runtime.instances.get(parent.id)!.state.incidents)).toHaveLength(1);

    runtime.deploy(await compiled(CHILD));
    const [again] = Object.values(runtime.instances.get(parent.id)!.state.incidents);
    runtime.command(parent.id, { type: 'resolveIncident', incidentId: again!.id });
    expect(
      [...runtime.instances.values()].map((i) => `${i.state.processId}:${i.state.status}`),
    ).toEqual(['parent:completed', 'child:completed']);
  });
});
