import { describe, expect, it } from 'vitest';
import {
  EngineCommandError,
  execute,
  nextStartTimer,
  startInstance,
  startTimers,
  type Effect,
  type EngineState,
} from '../../src/index.js';
import { bpmn, compiled, fixture } from '../support/bpmn.js';

const now = '2026-01-05T08:00:00.000Z';
const gateways = new URL('../gateways/', import.meta.url).href;
const tasks = new URL('../tasks/', import.meta.url).href;
const events = new URL('../events/', import.meta.url).href;

function effectOf<T extends Effect['type']>(
  effects: Effect[],
  type: T,
): Extract<Effect, { type: T }> {
  const found = effects.find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} effect`);
  return found as Extract<Effect, { type: T }>;
}

describe('startInstance / execute', () => {
  it('is deterministic: the same commands give the same state and effects', async () => {
    const def = await compiled(fixture(gateways, 'parallel-gateway.bpmn'));
    const a = startInstance(def, { instanceId: 'i-1', now });
    const b = startInstance(def, { instanceId: 'i-1', now });
    expect(b).toEqual(a);
    expect(a.state.version).toBe(1);
    const ids = a.effects.filter((e) => e.type === 'taskCreated').map((e) => e.task.id);
    expect(ids.every((id) => id.startsWith('i-1.'))).toBe(true);
  });

  it('never changes the state it is given', async () => {
    const def = await compiled(fixture(gateways, 'parallel-gateway.bpmn'));
    const started = startInstance(def, { instanceId: 'i-1', now });
    const before = JSON.stringify(started.state);
    const task = effectOf(started.effects, 'taskCreated').task;
    const next = execute(def, started.state, { type: 'completeTask', taskId: task.id, now });
    expect(JSON.stringify(started.state)).toBe(before);
    expect(next.state.version).toBe(2);
  });

  it('changes a handed-over state in place, with the same result as a copy', async () => {
    const def = await compiled(fixture(gateways, 'parallel-gateway.bpmn'));
    const started = startInstance(def, { instanceId: 'i-1', now });
    const handed = JSON.parse(JSON.stringify(started.state)) as EngineState;
    const task = effectOf(started.effects, 'taskCreated').task;
    const command = { type: 'completeTask', taskId: task.id, now } as const;
    const copied = execute(def, started.state, command);
    const inPlace = execute(def, handed, command, { handOverState: true });
    expect(inPlace).toEqual(copied);
    expect(inPlace.state.elements).toBe(handed.elements);
    expect(copied.state.elements).not.toBe(started.state.elements);
  });

  it('rejects commands naming what the state does not have', async () => {
    const def = await compiled(fixture(gateways, 'parallel-gateway.bpmn'));
    const { state } = startInstance(def, { instanceId: 'i-1', now });
    expect(() => execute(def, state, { type: 'completeTask', taskId: 'nope', now })).toThrow(
      EngineCommandError,
    );
    const cancelled = execute(def, state, { type: 'cancel', now });
    expect(cancelled.state.status).toBe('terminated');
    expect(cancelled.effects.filter((e) => e.type === 'taskCancelled')).toHaveLength(3);
    expect(() => execute(def, cancelled.state, { type: 'cancel', now })).toThrow(/terminated/);
  });

  it('a failing job retries until its retries run out, then resolving the incident creates the job again', async () => {
    const def = await compiled(fixture(tasks, 'service-task.bpmn'));
    let step = startInstance(def, { instanceId: 'i-2', now });
    let job = effectOf(step.effects, 'jobCreated').job;
    expect(job.retries).toBe(2);
    step = execute(def, step.state, {
      type: 'failJob',
      jobId: job.id,
      message: 'timeout',
      retries: 1,
      now,
    });
    job = effectOf(step.effects, 'jobCreated').job;
    step = execute(def, step.state, {
      type: 'failJob',
      jobId: job.id,
      message: 'timeout',
      retries: 0,
      now,
    });
    const incident = effectOf(step.effects, 'incidentRaised').incident;
    expect(incident).toMatchObject({ elementId: 'Charge', message: 'timeout' });
    const restored = JSON.parse(JSON.stringify(step.state)) as EngineState;
    step = execute(def, restored, { type: 'resolveIncident', incidentId: incident.id, now });
    job = effectOf(step.effects, 'jobCreated').job;
    step = execute(def, step.state, {
      type: 'completeJob',
      jobId: job.id,
      variables: { paid: true },
      now,
    });
    expect(step.state.status).toBe('completed');
    expect(effectOf(step.effects, 'instanceEnded')).toMatchObject({
      status: 'completed',
      variables: { paid: true },
    });
  });

  it('resolving a gateway incident with new variables retries the decision', async () => {
    const def = await compiled(fixture(gateways, 'exclusive-no-default.bpmn'));
    const started = startInstance(def, { instanceId: 'i-3', variables: { ok: null }, now });
    const incident = effectOf(started.effects, 'incidentRaised').incident;
    const resolved = execute(def, started.state, {
      type: 'resolveIncident',
      incidentId: incident.id,
      variables: { ok: true },
      now,
    });
    expect(effectOf(resolved.effects, 'taskCreated').task.elementId).toBe('Yes');
    expect(resolved.state.incidents).toEqual({});
  });
});

describe('effects', () => {
  it('a created task keeps the variables it saw, even when a later branch of the same step sets more', async () => {
    const def = await compiled(
      bpmn(`<bpmn:startEvent id="S" /><bpmn:parallelGateway id="Fork" /><bpmn:userTask id="A" />
        <bpmn:scriptTask id="Set"><bpmn:extensionElements><zeebe:script expression="=1" resultVariable="later" /></bpmn:extensionElements></bpmn:scriptTask>
        <bpmn:endEvent id="E" />
        <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="Fork" /><bpmn:sequenceFlow id="F1" sourceRef="Fork" targetRef="A" />
        <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="Set" /><bpmn:sequenceFlow id="F3" sourceRef="Set" targetRef="E" />`),
    );
    const started = startInstance(def, { instanceId: 'i-4', variables: { first: true }, now });
    expect(effectOf(started.effects, 'taskCreated').task.variables).toEqual({ first: true });
    expect(started.state.variables).toEqual({ first: true, later: 1 });
  });
});

describe('startTimers / nextStartTimer', () => {
  it('gives the first due time of a cycle start timer and the next ones until the repetitions end', async () => {
    const def = await compiled(fixture(events, 'timer-start-event.bpmn'));
    const [timer] = startTimers(def, now);
    expect(timer).toMatchObject({ elementId: 'Every2h', dueAt: '2026-01-05T10:00:00.000Z' });
    expect(nextStartTimer(def, 'Every2h', '2026-01-05T10:00:00.000Z', 1)).toBe(
      '2026-01-05T12:00:00.000Z',
    );
    expect(nextStartTimer(def, 'Every2h', '2026-01-05T12:00:00.000Z', 2)).toBe(
      '2026-01-05T14:00:00.000Z',
    );
    expect(nextStartTimer(def, 'Every2h', '2026-01-05T14:00:00.000Z', 3)).toBeNull();
  });
});
