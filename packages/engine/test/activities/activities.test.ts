import { describe, expect, it } from 'vitest';
import { run } from '../support/scenario.js';

const here = import.meta.url;

describe('embedded sub-process', () => {
  it('runs its inner flow with local input variables and completes when its tokens are done', async () => {
    const trace = await run(here, 'sub-process.bpmn', {
      variables: { draft: 'plan' },
      steps: [{ complete: 'Proofread' }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual([
      'Start',
      'InStart',
      'Edit',
      'Proofread',
      'InEnd',
      'Prepare',
      'End',
    ]);
    expect(trace.variables).toEqual({ draft: 'plan', edited: 'plan!' });
  });

  it('an interrupting boundary timer cancels everything inside', async () => {
    const trace = await run(here, 'sub-process.bpmn', {
      variables: { draft: 'plan' },
      steps: [{ advance: 'PT8H' }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.tasks).toEqual([]);
    expect(trace.passed).toEqual(['Start', 'InStart', 'Edit', 'TooLong', 'Abandoned']);
  });
});

describe('call activity', () => {
  it('starts the called process with the input mappings and maps its result back', async () => {
    const trace = await run(
      here,
      'call-activity.bpmn',
      { variables: { amount: 10 }, steps: [{ complete: 'ChildWork' }] },
      ['child.bpmn'],
    );
    expect(trace.waiting).toEqual(['AfterChild']);
    expect(trace.variables).toEqual({ amount: 10, childResult: 21 });
    expect(trace.passed).toEqual(['Start', 'CallChild']);
  });

  it('an uncaught error end in the child is caught by the call activity error boundary', async () => {
    const trace = await run(
      here,
      'call-activity.bpmn',
      { variables: { amount: 1 }, steps: [{ complete: 'ChildWork', variables: { fail: true } }] },
      ['child.bpmn'],
    );
    expect(trace.waiting).toEqual(['HandleFailure']);
    expect(trace.tasks.map((t) => t.elementId)).toEqual(['HandleFailure']);
  });

  it('calls a pinned version or the latest one', async () => {
    const trace = await run(here, 'call-pinned.bpmn', {}, [
      'versioned-v1.bpmn',
      'versioned-v2.bpmn',
    ]);
    expect(trace.state).toBe('completed');
    expect(trace.variables).toEqual({ versions: [1, 2] });
  });
});

describe('multi-instance', () => {
  it('parallel: one task per item; the completion condition ends the rest and collects the outputs', async () => {
    const open = await run(here, 'multi-instance.bpmn', {
      variables: { voters: ['a', 'b', 'c'], sites: [] },
    });
    expect(open.tasks.map((t) => t.assignee)).toEqual(['a', 'b', 'c']);
    expect(open.waiting).toEqual(['Vote', 'Vote', 'Vote']);
    const trace = await run(here, 'multi-instance.bpmn', {
      variables: { voters: ['a', 'b', 'c'], sites: [] },
      steps: [
        { complete: 'Vote', variables: { vote: 'yes' } },
        { complete: 'Vote', variables: { vote: 'no' } },
      ],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed.filter((e) => e === 'Vote')).toHaveLength(2);
    expect(trace.variables['votes']).toEqual(['yes', 'no', null]);
  });

  it('sequential sub-process: one item after the other, outputs in order', async () => {
    const trace = await run(here, 'multi-instance.bpmn', {
      variables: { voters: [], sites: ['north', 'south'] },
      steps: [{ complete: 'Inspect' }],
    });
    expect(trace.waiting).toEqual(['Inspect']);
    expect(trace.passed.filter((e) => e === 'Visit')).toHaveLength(1);
    const done = await run(here, 'multi-instance.bpmn', {
      variables: { voters: [], sites: ['north', 'south'] },
      steps: [{ complete: 'Inspect' }, { complete: 'Inspect' }],
    });
    expect(done.state).toBe('completed');
    expect(done.variables['reports']).toEqual(['visited north', 'visited south']);
  });

  it('an input collection that is not a list is an incident', async () => {
    const trace = await run(here, 'multi-instance.bpmn', { variables: { voters: 'a' } });
    expect(trace.incidents.map((i) => i.elementId)).toEqual(['Vote']);
  });
});

describe('events on a sub-process', () => {
  const base = { variables: { caseId: 'K-1' } };

  it('a non-interrupting message boundary runs beside the sub-process', async () => {
    const trace = await run(here, 'sub-process-events.bpmn', {
      ...base,
      steps: [{ message: 'update', correlationKey: 'K-1' }],
    });
    expect(trace.waiting).toEqual(['Handle']);
    expect(trace.passed).toContain('UpdateEnd');
  });

  it('an interrupting event sub-process inside it replaces its flow, and the sub-process then completes', async () => {
    const trace = await run(here, 'sub-process-events.bpmn', {
      ...base,
      steps: [{ signal: 'urgent' }, { complete: 'Expedite' }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual([
      'Start',
      'CaseStart',
      'UrgentStart',
      'Expedite',
      'UrgentEnd',
      'OnUrgent',
      'Case',
      'End',
    ]);
  });
});

describe('multi-instance call activity and loop cardinality', () => {
  it('calls the child once per item and collects each mapped result in order', async () => {
    const trace = await run(
      here,
      'multi-instance-call.bpmn',
      {
        variables: { amounts: [1, 5] },
        steps: [{ complete: 'ChildWork' }, { complete: 'ChildWork' }],
      },
      ['child.bpmn'],
    );
    expect(trace.state).toBe('completed');
    expect(trace.variables['results']).toEqual([2, 6]);
    expect(trace.passed.filter((e) => e === 'Thrice')).toHaveLength(3);
  });
});

describe('ad-hoc sub-process', () => {
  it('activates the elements its collection names and completes when none is left', async () => {
    const waiting = await run(here, 'ad-hoc.bpmn', {
      variables: { checks: ['Documents', 'Visit'] },
    });
    expect(waiting.waiting.sort()).toEqual(['Documents', 'Visit']);
    const done = await run(here, 'ad-hoc.bpmn', {
      variables: { checks: ['Documents', 'Visit'] },
      steps: [{ complete: 'Documents' }, { complete: 'Visit' }],
    });
    expect(done.state).toBe('completed');
    expect(done.passed).toEqual(['Start', 'Documents', 'Archive', 'Visit', 'Checks', 'End']);
  });

  it('completes as soon as its completion condition holds, terminating what is still active', async () => {
    const trace = await run(here, 'ad-hoc.bpmn', {
      variables: { checks: ['Interview', 'Visit'] },
      steps: [{ complete: 'Interview', variables: { enough: true } }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.tasks).toEqual([]);
    expect(trace.passed).not.toContain('Visit');
  });

  it('with nothing to activate completes at once; an element it does not hold is an incident', async () => {
    const none = await run(here, 'ad-hoc.bpmn', { variables: { checks: [] } });
    expect(none.state).toBe('completed');
    const wrong = await run(here, 'ad-hoc.bpmn', { variables: { checks: ['Archive', 'Nope'] } });
    expect(wrong.incidents).toEqual([
      {
        elementId: 'Checks',
        message:
          "the ad-hoc sub-process has no element 'Archive', 'Nope' without incoming flows to activate",
      },
    ]);
  });
});
