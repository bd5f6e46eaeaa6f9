import { compile, simulate } from '@orglife/engine';
import { describe, expect, it } from 'vitest';
import {
  durationBetween,
  parseVariables,
  SimulationSession,
} from '@/modules/flows/modeler/simulation/session';
import xml from './fixtures/simulation-flow.bpmn?raw';

// The flow of the browser test: 提交申请 → 是否加急 → (加急) 加急办理 | (普通) 等待一天 (P1D timer)
// → 等待回复 (message "reply", key =caseId) → 办结.
const START = '2026-03-02T01:00:00.000Z';

/** A service task whose job has two attempts. */
const SERVICE_FLOW = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="sync_flow" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:serviceTask id="Sync"><bpmn:extensionElements><zeebe:taskDefinition type="sync" retries="2" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Sync" />
    <bpmn:sequenceFlow id="f2" sourceRef="Sync" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

async function session(): Promise<SimulationSession> {
  const opened = await SimulationSession.open(xml);
  if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
  return opened.session;
}

describe('the modeler simulation session', () => {
  it('plays the normal branch: the variable picks it, the clock fires the timer, a message ends it', async () => {
    const run = await session();
    run.start({ start: START, variables: { caseId: 'c-1' } });
    expect(run.view()).toMatchObject({
      status: 'active',
      tokens: { Task_Apply: 1 },
      tasks: [{ elementId: 'Task_Apply' }],
    });

    const completed = run.take({ complete: 'Task_Apply', variables: { urgent: false } });
    expect(completed.reached).toEqual(['Timer_Wait']);
    expect(run.view().tokens).toEqual({ Timer_Wait: 1 });
    expect(run.view().passed).toEqual(['Start', 'Task_Apply', 'Gateway_Route']);
    expect(run.view().timers).toEqual([
      { elementId: 'Timer_Wait', dueAt: '2026-03-03T01:00:00.000Z' },
    ]);

    // not yet due: the token stays
    run.take({ advance: 'PT23H' });
    expect(run.view().tokens).toEqual({ Timer_Wait: 1 });
    expect(run.untilNextTimer()).toBe('PT3600S');
    const fired = run.take({ advance: run.untilNextTimer()! });
    expect(fired.reached).toEqual(['Catch_Reply']);
    expect(run.view().messages).toContainEqual({
      name: 'reply',
      correlationKey: 'c-1',
      elementId: 'Catch_Reply',
    });

    const ended = run.take({ message: 'reply', correlationKey: 'c-1' });
    expect(ended.status).toBe('completed');
    expect(run.view()).toMatchObject({ status: 'completed', tokens: {}, tasks: [] });
    expect(run.view().passed).toContain('End_Normal');
    expect(run.view().passed).not.toContain('Task_Urgent');
  });

  it('downloads the run as the CLI script, which the engine replays to the same end', async () => {
    const run = await session();
    run.start({ start: START, variables: { caseId: 'c-1' } });
    run.take({ complete: 'Task_Apply', variables: { urgent: true } });
    expect(run.view().tokens).toEqual({ Task_Urgent: 1 });
    const script = run.script();
    expect(script).toEqual({
      start: START,
      process: 'sim-demo',
      variables: { caseId: 'c-1' },
      steps: [{ complete: 'Task_Apply', variables: { urgent: true } }],
    });

    const compiled = await compile(xml);
    if (!compiled.ok) throw new Error('the flow does not compile');
    const trace = simulate(compiled.definition, [], JSON.parse(JSON.stringify(script)));
    expect(trace.waiting).toEqual(['Task_Urgent']);

    // and loading it back replays it in the page to the same place
    const again = await session();
    again.replay(JSON.parse(JSON.stringify(script)));
    expect(again.view()).toEqual(run.view());
    expect(again.script()).toEqual(script);
  });

  it('logs a step the engine refuses with its reason and leaves it out of the script', async () => {
    const run = await session();
    run.start({ start: START });
    const refused = run.take({ complete: 'Task_Urgent' });
    expect(refused.error).toBe("no open task at 'Task_Urgent'");
    expect(run.take({ advance: 'soon' }).error).toMatch(/ISO-8601/);
    expect(run.script().steps).toEqual([]);
    expect(run.log.map((e) => e.error ?? 'ok')).toEqual([
      'ok',
      "no open task at 'Task_Urgent'",
      expect.stringMatching(/ISO-8601/),
    ]);
  });

  it('shows an incident on its element with its message', async () => {
    const run = await session();
    run.start({ start: START });
    // no caseId: the message catch event cannot work out its correlation key
    run.take({ complete: 'Task_Apply', variables: { urgent: false } });
    run.take({ advance: 'P1D' });
    expect(run.view().incidents).toEqual([
      { elementId: 'Catch_Reply', message: expect.stringContaining('caseId') },
    ]);
  });

  it('lists a failed job waiting for its retry beside the timers, so the clock can be advanced to it', async () => {
    const opened = await SimulationSession.open(SERVICE_FLOW);
    if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
    const run = opened.session;
    run.start({ start: START, services: { sync: { fail: 'offline' } } });
    expect(run.view().timers).toEqual([{ elementId: 'Sync', dueAt: '2026-03-02T01:00:05.000Z' }]);
    expect(run.view().incidents).toEqual([]);
    run.take({ advance: run.untilNextTimer()! });
    expect(run.view().incidents).toEqual([{ elementId: 'Sync', message: 'offline' }]);
  });

  it('refuses a script for another process, and what is not a script', async () => {
    const run = await session();
    expect(() => run.replay({ start: START, process: 'other' })).toThrow(/not in this diagram/);
    expect(() => run.replay({ steps: [{ wait: 1 }] })).toThrow(/none of complete/);
  });

  it('reads the variables a user types, and durations to a due time', () => {
    expect(parseVariables(' ')).toBeUndefined();
    expect(parseVariables('{"urgent": true}')).toEqual({ urgent: true });
    expect(() => parseVariables('[1]')).toThrow(/JSON object/);
    expect(() => parseVariables('{urgent}')).toThrow();
    expect(durationBetween(START, '2026-03-02T01:00:01.200Z')).toBe('PT2S');
  });
});
