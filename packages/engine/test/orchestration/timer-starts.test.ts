import { describe, expect, it } from 'vitest';
import { compile, MemoryRuntime, type CompiledDefinition } from '../../src/index.js';
import { T0 } from '../support/scenario.js';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';

/** Process `ticker` started by a timer start event `startId` on `cycle`. */
async function ticker(startId: string, cycle: string): Promise<CompiledDefinition> {
  const result = await compile(`<bpmn:definitions ${NS} id="d" targetNamespace="t">
  <bpmn:process id="ticker" isExecutable="true">
    <bpmn:startEvent id="${startId}"><bpmn:timerEventDefinition><bpmn:timeCycle>${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="${startId}" targetRef="end" />
  </bpmn:process></bpmn:definitions>`);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

describe('timer start events (the orchestration kernel, as Zeebe schedules them)', () => {
  it('a cycle starts an instance at each due time until its repetitions are used up; a new version replaces the previous version’s timer start events and starts itself', async () => {
    const cycle = new MemoryRuntime({ now: T0 });
    cycle.deploy(await ticker('hourly', 'R2/PT1H'));
    cycle.advance('PT1H');
    expect([...cycle.timers.values()].map((t) => [t.dueAt, t.start?.fired])).toEqual([
      ['2026-01-05T10:00:00.000Z', 1],
    ]);
    cycle.advance('PT5H');
    expect([...cycle.instances.values()].map((i) => i.state.status)).toEqual([
      'completed',
      'completed',
    ]);
    expect(cycle.timers.size).toBe(0);

    const runtime = new MemoryRuntime({ now: T0 });
    runtime.deploy(await ticker('hourly', 'R/PT1H'));
    runtime.advance('PT30M');
    runtime.deploy(await ticker('daily', 'R/P1D'));
    expect([...runtime.timers.values()].map((t) => [t.start?.elementId, t.dueAt])).toEqual([
      ['daily', '2026-01-06T08:30:00.000Z'],
    ]);
    runtime.advance('P1D');
    expect(
      [...runtime.instances.values()].map((i) => i.definition.processes.get('ticker')?.startIds),
    ).toEqual([['daily']]);
  });
});
