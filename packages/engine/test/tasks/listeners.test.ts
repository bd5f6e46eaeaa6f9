import { describe, expect, it } from 'vitest';
import {
  compile,
  execute,
  MemoryRuntime,
  startInstance,
  type Effect,
  type EngineState,
  type JobInfo,
} from '../../src/index.js';
import { bpmn, compiled, fixture } from '../support/bpmn.js';
import { T0 } from '../support/scenario.js';

const here = import.meta.url;

function jobs(effects: Effect[]): JobInfo[] {
  return effects.flatMap((e) => (e.type === 'jobCreated' ? [e.job] : []));
}

describe('execution and task listeners', () => {
  it('run as jobs, in order: start listeners, creating, the task, completing, end', async () => {
    const definition = await compiled(fixture(here, 'listeners.bpmn'));
    let result = startInstance(definition, { instanceId: 'i', now: T0 });
    const seen: string[] = [];
    let state: EngineState = result.state;
    const next = (variables?: Record<string, string>): JobInfo => {
      const [job] = jobs(result.effects);
      if (!job) throw new Error('no job');
      seen.push(`${job.listener}:${job.type}`);
      result = execute(definition, state, {
        type: 'completeJob',
        jobId: job.id,
        now: T0,
        ...(variables ? { variables } : {}),
      });
      state = result.state;
      return job;
    };
    // the start listener's variables are there for the task's assignment
    next({ owner: 'li.si' });
    next();
    next();
    const created = result.effects.find((e) => e.type === 'taskCreated');
    expect(created).toMatchObject({ task: { elementId: 'Approve', assignee: 'li.si' } });
    // completing the task waits for its completing listener, then its end listener
    result = execute(definition, state, {
      type: 'completeTask',
      taskId: created?.type === 'taskCreated' ? created.task.id : '',
      variables: { decision: 'yes' },
      now: T0,
    });
    state = result.state;
    expect(state.status).toBe('active');
    const completing = next();
    expect(completing.variables).toMatchObject({ owner: 'li.si' });
    // the end listener sees the output mapping
    const end = next();
    expect(end.variables).toMatchObject({ approved: 'yes' });
    next();
    expect(seen).toEqual([
      'start:load-owner',
      'start:audit-li.si',
      'creating:on-create',
      'completing:on-complete',
      'end:notify',
      'end:gateway-end',
    ]);
    expect(state.status).toBe('completed');
    const ends = result.effects.flatMap((e) =>
      e.type === 'history' && e.event.kind === 'completed' ? [e.event.elementId] : [],
    );
    expect(ends).toEqual(['Split', 'Yes']);
  });

  it('a failing listener job retries, then stops at an incident; resolving it runs the listener again', async () => {
    const definition = await compiled(fixture(here, 'listeners.bpmn'));
    const runtime = new MemoryRuntime({
      now: T0,
      workers: { 'audit-zhang.san': () => ({ fail: 'audit offline' }) },
    });
    runtime.deploy(definition);
    const instance = runtime.start('Listeners', { variables: { owner: 'zhang.san' } });
    const state = instance?.state as EngineState;
    expect(Object.values(state.incidents)).toEqual([
      expect.objectContaining({
        elementId: 'Approve',
        message: 'audit offline',
        retry: 'listener',
      }),
    ]);
    expect(runtime.tasks.size).toBe(0);
    const incident = Object.keys(state.incidents)[0] ?? '';
    const resolved = execute(definition, state, {
      type: 'resolveIncident',
      incidentId: incident,
      now: T0,
    });
    expect(jobs(resolved.effects)).toEqual([
      expect.objectContaining({ type: 'audit-zhang.san', listener: 'start', retries: 1 }),
    ]);
  });

  it('on the memory runtime, a task completes once its completing and end listeners are done', async () => {
    const runtime = new MemoryRuntime({ now: T0 });
    runtime.deploy(await compiled(fixture(here, 'listeners.bpmn')));
    const instance = runtime.start('Listeners', { variables: { owner: 'wang.wu' } });
    expect([...runtime.tasks.values()].map((t) => t.task.assignee)).toEqual(['wang.wu']);
    runtime.completeTaskAt('Approve', { decision: 'no' });
    expect(runtime.tasks.size).toBe(0);
    expect(instance?.state.status).toBe('completed');
    expect(instance?.passed).toEqual(['Start', 'Approve', 'Split', 'No']);
  });

  it('refuses start listeners where nothing would run them: start and boundary events, the process itself', async () => {
    const listener = (event: string) =>
      `<bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="${event}" type="l" /></zeebe:executionListeners></bpmn:extensionElements>`;
    const xml = bpmn(`<bpmn:startEvent id="Start">${listener('start')}</bpmn:startEvent>
        <bpmn:sequenceFlow id="f" sourceRef="Start" targetRef="Sub" />
        <bpmn:subProcess id="Sub">${listener('start')}<bpmn:startEvent id="In" /></bpmn:subProcess>
        <bpmn:boundaryEvent id="Late" attachedToRef="Sub">${listener('start')}<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="Later" attachedToRef="Sub">${listener('end')}<bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`).replace(
      '<bpmn:process id="Process_1" isExecutable="true">',
      `<bpmn:process id="Process_1" isExecutable="true">${listener('end')}`,
    );
    const result = await compile(xml);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        elementId: 'Process_1',
        message:
          'execution listeners on the process itself are not supported (on its elements they are)',
      },
      {
        elementId: 'Start',
        message: 'start execution listeners are not supported on start events (end listeners are)',
      },
      {
        elementId: 'Late',
        message:
          'start execution listeners are not supported on boundary events (end listeners are)',
      },
    ]);
  });

  it('refuses listener events it cannot run, rather than skipping them', async () => {
    const result = await compile(
      bpmn(`<bpmn:startEvent id="Start" /><bpmn:sequenceFlow id="f" sourceRef="Start" targetRef="T" />
        <bpmn:userTask id="T"><bpmn:extensionElements><zeebe:userTask />
          <zeebe:taskListeners><zeebe:taskListener eventType="assigning" type="a" /></zeebe:taskListeners>
          <zeebe:executionListeners><zeebe:executionListener eventType="start" /></zeebe:executionListeners>
        </bpmn:extensionElements></bpmn:userTask>`),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toEqual([
      'a start execution listener has no job type',
      "task listeners on 'assigning' are not supported: tasks are assigned, updated and cancelled outside the engine here (creating and completing listeners run)",
    ]);
  });
});
