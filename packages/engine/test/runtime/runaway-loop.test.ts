import { describe, expect, it } from 'vitest';
import { execute, MemoryRuntime, startInstance, type Effect } from '../../src/index.js';
import { bpmn, compiled, fixture } from '../support/bpmn.js';

const now = '2026-01-05T08:00:00.000Z';
const here = import.meta.url;

function incidents(effects: Effect[]) {
  return effects.flatMap((e) => (e.type === 'incidentRaised' ? [e.incident] : []));
}

function activations(effects: Effect[]): number {
  return effects.filter((e) => e.type === 'history' && e.event.kind === 'activated').length;
}

describe('a loop with no wait state', () => {
  it('stops after 10,000 element activations with an incident naming the element, and the step returns', async () => {
    const def = await compiled(fixture(here, 'runaway-loop.bpmn'));
    const { state, effects } = startInstance(def, { instanceId: 'i', now });
    expect(state.status).toBe('active');
    const [incident] = incidents(effects);
    expect(incidents(effects)).toHaveLength(1);
    expect(['Again', 'One']).toContain(incident?.elementId);
    expect(incident?.message).toMatch(/after 10,000 element activations in one step/);
    expect(incident?.message).toMatch(/loop with no wait state/);
    expect(activations(effects)).toBe(10_001);
    expect(Object.keys(state.elements)).toHaveLength(1);
  });

  it('takes its allowance from the caller, and resolving the incident runs one more allowance', async () => {
    const def = await compiled(fixture(here, 'runaway-loop.bpmn'));
    const started = startInstance(def, { instanceId: 'i', now, maxActivations: 50 });
    const [incident] = incidents(started.effects);
    expect(activations(started.effects)).toBe(51);
    const resolved = execute(
      def,
      started.state,
      { type: 'resolveIncident', incidentId: incident!.id, now },
      { maxActivations: 50 },
    );
    expect(incidents(resolved.effects)).toHaveLength(1);
    expect(resolved.state.status).toBe('active');
  });

  it('stops a loop that forks on every round, leaving each token at an element with an incident', async () => {
    const def = await compiled(
      bpmn(`
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Merge" />
    <bpmn:parallelGateway id="Fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="Fork" targetRef="Merge" />
    <bpmn:sequenceFlow id="f3" sourceRef="Fork" targetRef="Merge" />
    <bpmn:exclusiveGateway id="Merge" />
    <bpmn:sequenceFlow id="f4" sourceRef="Merge" targetRef="Fork" />`),
    );
    const { state, effects } = startInstance(def, { instanceId: 'i', now, maxActivations: 1000 });
    const raised = incidents(effects);
    expect(raised.length).toBeGreaterThan(0);
    expect(Object.keys(state.incidents)).toHaveLength(raised.length);
    expect(Object.keys(state.elements)).toHaveLength(raised.length);
  });

  it('does not take the in-memory runtime down either', async () => {
    const def = await compiled(fixture(here, 'runaway-loop.bpmn'));
    const runtime = new MemoryRuntime({ now, maxActivations: 100 });
    runtime.deploy(def);
    const instance = runtime.start('runaway_loop');
    expect(Object.values(instance!.state.incidents).map((i) => i.elementId)).toHaveLength(1);
  });
});

describe('a loop of jobs that never waits for anything outside', () => {
  it('runs one job after another on the in-memory runtime (the stack does not grow), and stops with a problem', async () => {
    const def = await compiled(
      bpmn(`<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="f0" sourceRef="Start" targetRef="Work" />
        <bpmn:serviceTask id="Work"><bpmn:extensionElements><zeebe:taskDefinition type="work" />
          <zeebe:ioMapping><zeebe:output source="=n + 1" target="n" /></zeebe:ioMapping>
        </bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:sequenceFlow id="f1" sourceRef="Work" targetRef="More" />
        <bpmn:exclusiveGateway id="More" default="done" />
        <bpmn:sequenceFlow id="again" sourceRef="More" targetRef="Work"><bpmn:conditionExpression>=n != limit</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="done" sourceRef="More" targetRef="End" />
        <bpmn:endEvent id="End" />`),
    );
    const runtime = new MemoryRuntime({ now, maxFollowUps: 20_000 });
    runtime.deploy(def);
    const instance = runtime.start('Process_1', { variables: { n: 0 } });
    expect(instance?.state.variables['n']).toBe(20_000);
    expect(instance?.state.incidents).toEqual({});
    expect(runtime.problems).toEqual([
      'stopped after 20,000 jobs, messages and calls in a row: a loop that never waits for anything outside',
    ]);
    // with a limit the loop ends by itself
    const bounded = runtime.start('Process_1', { variables: { n: 0, limit: 50 } });
    expect(bounded?.state.status).toBe('completed');
  });
});
