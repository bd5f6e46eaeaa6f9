import { describe, expect, it } from 'vitest';
import { run } from '../support/scenario.js';

const here = import.meta.url;

describe('timer start event', () => {
  it('starts an instance at each firing of its cycle, each counted from the previous due time', async () => {
    const trace = await run(here, 'timer-start-event.bpmn', { steps: [{ advance: 'PT5H' }] });
    expect(trace.waiting).toEqual(['Check']);
    expect(trace.tasks.map((t) => t.elementId)).toEqual(['Check', 'Check']);
    const later = await run(here, 'timer-start-event.bpmn', { steps: [{ advance: 'P1D' }] });
    expect(later.tasks).toHaveLength(3);
  });
});

describe('message start event', () => {
  it('starts an instance when its message is published, with the message variables', async () => {
    const trace = await run(here, 'message-start-event.bpmn', {
      steps: [{ message: 'order', variables: { item: 'book' } }],
    });
    expect(trace.waiting).toEqual(['Handle']);
    expect(trace.variables).toEqual({ item: 'book' });
  });
});

describe('terminate end event', () => {
  it('ends every token and completes the instance', async () => {
    const trace = await run(here, 'terminate-end-event.bpmn');
    expect(trace.state).toBe('completed');
    expect(trace.tasks).toEqual([]);
    expect(trace.passed).not.toContain('Slow');
    expect(trace.passed).toContain('Kill');
  });
});

describe('error end event', () => {
  it('is caught by the error boundary event of the enclosing sub-process', async () => {
    const trace = await run(here, 'error-end-event.bpmn');
    expect(trace.waiting).toEqual(['Fix']);
    expect(trace.passed).toEqual(['Start', 'InnerStart', 'Fail', 'Caught']);
  });
});

describe('signal throw and catch', () => {
  it('an intermediate signal throw reaches the catch event waiting in the same instance', async () => {
    const waiting = await run(here, 'signal-events.bpmn');
    expect(waiting.waiting).toEqual(['AwaitGo', 'Prepare']);
    const trace = await run(here, 'signal-events.bpmn', { steps: [{ complete: 'Prepare' }] });
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual([
      'Start',
      'Fork',
      'Prepare',
      'SendGo',
      'Milestone',
      'End1',
      'AwaitGo',
      'End2',
    ]);
  });

  it('a signal from outside is broadcast to the waiting catch event', async () => {
    const trace = await run(here, 'signal-events.bpmn', { steps: [{ signal: 'go' }] });
    expect(trace.waiting).toEqual(['Prepare']);
  });
});

describe('intermediate catch events', () => {
  it('wait for a date, a FEEL duration and a correlated message in turn', async () => {
    const script = { variables: { pause: 'PT30M', ticket: 'T-9' } };
    const atDate = await run(here, 'catch-events.bpmn', {
      ...script,
      steps: [{ advance: 'PT15H59M' }],
    });
    expect(atDate.waiting).toEqual(['Until']);
    const paused = await run(here, 'catch-events.bpmn', {
      ...script,
      steps: [{ advance: 'PT16H' }],
    });
    expect(paused.waiting).toEqual(['Pause']);
    const done = await run(here, 'catch-events.bpmn', {
      ...script,
      steps: [
        { advance: 'PT16H30M' },
        { message: 'answer', correlationKey: 'T-9', variables: { reply: 'yes' } },
      ],
    });
    expect(done.state).toBe('completed');
    expect(done.variables).toMatchObject({ reply: 'yes' });
  });

  it('a fired catch event closes its subscription: two catch events of one message, then of one signal, in a row', async () => {
    const trace = await run(here, 'repeated-catch-events.bpmn', {
      variables: { ticket: 'T-1' },
      steps: [
        { message: 'reply', correlationKey: 'T-1', variables: { first: true } },
        { message: 'reply', correlationKey: 'T-1', variables: { second: true } },
        { signal: 'tick' },
        { signal: 'tick' },
      ],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual([
      'Start',
      'FirstReply',
      'SecondReply',
      'FirstTick',
      'SecondTick',
      'End',
    ]);
    expect(trace.variables).toMatchObject({ first: true, second: true });
  });

  it('drops a message nothing waits for', async () => {
    const trace = await run(here, 'catch-events.bpmn', {
      variables: { pause: 'PT1M', ticket: 'T-9' },
      steps: [{ message: 'answer', correlationKey: 'T-9' }, { advance: 'P1D' }],
    });
    expect(trace.waiting).toEqual(['Answer']);
  });

  it('raises an incident when a FEEL timer gives no duration', async () => {
    const trace = await run(here, 'catch-events.bpmn', {
      variables: { pause: 'soon', ticket: 'x' },
      steps: [{ advance: 'P1D' }],
    });
    expect(trace.incidents.map((i) => i.elementId)).toEqual(['Pause']);
  });
});

describe('boundary events on a task', () => {
  const base = { variables: { caseId: 'C-1' } };

  it('a non-interrupting timer cycle fires each time while the task stays open', async () => {
    const trace = await run(here, 'boundary-events.bpmn', {
      ...base,
      steps: [{ advance: 'PT3H' }],
    });
    expect(trace.passed.filter((e) => e === 'Remind')).toHaveLength(2);
    expect(trace.waiting).toEqual(['Review']);
  });

  it('an interrupting timer cancels the task and leaves through the boundary event', async () => {
    const trace = await run(here, 'boundary-events.bpmn', {
      ...base,
      steps: [{ advance: 'PT4H' }],
    });
    expect(trace.waiting).toEqual(['Escalate']);
    expect(trace.tasks.map((t) => t.elementId)).toEqual(['Escalate']);
    expect(trace.passed).not.toContain('Review');
  });

  it('an interrupting message with the matching key cancels the task', async () => {
    const trace = await run(here, 'boundary-events.bpmn', {
      ...base,
      steps: [{ message: 'withdraw', correlationKey: 'C-1' }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual(['Start', 'Withdrawn', 'EndWithdrawn']);
  });

  it('a non-interrupting signal leaves the task open', async () => {
    const trace = await run(here, 'boundary-events.bpmn', {
      ...base,
      steps: [{ signal: 'alarm' }],
    });
    expect(trace.waiting).toEqual(['Review']);
    expect(trace.passed).toContain('EndAlert');
  });

  it('completing the task closes every boundary subscription', async () => {
    const trace = await run(here, 'boundary-events.bpmn', {
      ...base,
      steps: [{ complete: 'Review' }, { advance: 'P1D' }, { signal: 'alarm' }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual(['Start', 'Review', 'End']);
  });

  it('an error thrown by the worker is caught by the error boundary event', async () => {
    const trace = await run(here, 'error-boundary-on-task.bpmn', {
      services: { pay: { error: 'DECLINED' } },
    });
    expect(trace.waiting).toEqual(['Retry']);
    expect(trace.passed).toEqual(['Start', 'Declined']);
  });

  it('an error nobody catches becomes an incident', async () => {
    const trace = await run(here, 'error-boundary-on-task.bpmn', {
      services: { pay: { error: 'OTHER' } },
    });
    expect(trace.incidents.map((i) => i.elementId)).toEqual(['Pay']);
  });
});

describe('event sub-processes', () => {
  const base = { variables: { caseId: 'C-7' } };

  it('a non-interrupting message start runs beside the main flow, each time', async () => {
    const trace = await run(here, 'event-sub-processes.bpmn', {
      ...base,
      steps: [
        { message: 'comment', correlationKey: 'C-7' },
        { message: 'comment', correlationKey: 'C-7' },
      ],
    });
    expect(trace.passed.filter((e) => e === 'LogComment')).toHaveLength(2);
    expect(trace.waiting).toEqual(['Work']);
  });

  it('an interrupting timer start cancels the main flow', async () => {
    const trace = await run(here, 'event-sub-processes.bpmn', {
      ...base,
      steps: [{ advance: 'P1D' }],
    });
    expect(trace.waiting).toEqual(['HandleTimeout']);
    expect(trace.tasks.map((t) => t.elementId)).toEqual(['HandleTimeout']);
  });

  it('an interrupting signal start ends the instance through the event sub-process', async () => {
    const trace = await run(here, 'event-sub-processes.bpmn', {
      ...base,
      steps: [{ signal: 'stop' }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual(['Start', 'StopStart', 'StopEnd', 'OnStop']);
  });

  it('an error start catches an error thrown by a worker', async () => {
    const trace = await run(here, 'error-event-sub-process.bpmn', {
      services: { risky: { error: 'ANY' } },
    });
    expect(trace.waiting).toEqual(['Cleanup']);
  });
});

describe('message end event', () => {
  it('throws its message with the mapped variables', async () => {
    const trace = await run(here, 'message-end-event.bpmn');
    expect(trace.state).toBe('completed');
    expect(trace.variables).toEqual({ answer: 42 });
  });
});

describe('signal start event', () => {
  it('starts an instance for each broadcast of its signal', async () => {
    const trace = await run(here, 'signal-start-event.bpmn', {
      steps: [{ signal: 'alarm' }, { signal: 'alarm' }],
    });
    expect(trace.tasks.map((t) => t.elementId)).toEqual(['Respond', 'Respond']);
  });
});

describe('non-interrupting timer event sub-process', () => {
  it('fires on every cycle inside the advanced window and stops when the instance ends', async () => {
    const trace = await run(here, 'timer-event-sub-process.bpmn', {
      steps: [{ advance: 'PT3H30M' }],
    });
    expect(trace.passed.filter((e) => e === 'Remind')).toHaveLength(3);
    expect(trace.waiting).toEqual(['Work']);
    const ended = await run(here, 'timer-event-sub-process.bpmn', {
      steps: [{ complete: 'Work' }, { advance: 'P1D' }],
    });
    expect(ended.state).toBe('completed');
    expect(ended.passed).not.toContain('Remind');
  });
});

describe('escalation events', () => {
  it('a non-interrupting boundary catches an intermediate throw; the thrower goes on; an uncaught one is no failure', async () => {
    const trace = await run(here, 'escalation-events.bpmn');
    expect(trace.waiting.sort()).toEqual(['Decide', 'Remind']);
    expect(trace.incidents).toEqual([]);
    expect(trace.passed).toEqual(['Start', 'InnerStart', 'OnLate', 'NotifyLate', 'NotifyOther']);
    const done = await run(here, 'escalation-events.bpmn', {
      steps: [{ complete: 'Decide', variables: { stop: false } }, { complete: 'Remind' }],
    });
    expect(done.state).toBe('completed');
    expect(done.passed).toContain('Done');
  });

  it('an interrupting boundary catches an escalation end event and ends the sub-process', async () => {
    const trace = await run(here, 'escalation-events.bpmn', {
      steps: [{ complete: 'Decide', variables: { stop: true } }],
    });
    expect(trace.waiting).toEqual(['Remind']);
    expect(trace.passed.slice(-2)).toEqual(['OnStop', 'Stopped']);
    expect(trace.passed).not.toContain('Work');
    expect(trace.passed).not.toContain('Done');
  });

  it('event sub-processes catch by code (non-interrupting) and catch every code (interrupting)', async () => {
    const trace = await run(here, 'escalation-event-sub-process.bpmn');
    expect(trace.waiting.sort()).toEqual(['Help', 'Work']);
    const aborted = await run(here, 'escalation-event-sub-process.bpmn', {
      steps: [{ complete: 'Work' }],
    });
    expect(aborted.waiting).toEqual(['Cleanup']);
    expect(aborted.tasks.map((t) => t.elementId)).toEqual(['Cleanup']);
    const done = await run(here, 'escalation-event-sub-process.bpmn', {
      steps: [{ complete: 'Work' }, { complete: 'Cleanup' }],
    });
    expect(done.state).toBe('completed');
  });
});

describe('escalation from a called process', () => {
  it('reaches the call activity: a non-interrupting boundary runs beside it, an interrupting one ends it', async () => {
    const waiting = await run(here, 'escalation-parent.bpmn', {}, ['escalation-child.bpmn']);
    expect(waiting.waiting).toEqual(['Remind']);
    expect(waiting.tasks.map((t) => t.elementId).sort()).toEqual(['ChildWork', 'Remind']);
    const stopped = await run(
      here,
      'escalation-parent.bpmn',
      { steps: [{ complete: 'ChildWork' }, { complete: 'Remind' }] },
      ['escalation-child.bpmn'],
    );
    expect(stopped.state).toBe('completed');
    expect(stopped.passed).toEqual(['Start', 'OnLate', 'OnStop', 'Stopped', 'Remind', 'Reminded']);
    expect(stopped.passed).not.toContain('Done');
  });
});

describe('link events', () => {
  it('a throw link goes on at the catch link of the same name, loops included', async () => {
    const trace = await run(here, 'link-events.bpmn', {
      steps: [
        { complete: 'Review', variables: { approved: false } },
        { complete: 'Review', variables: { approved: true } },
      ],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed).toEqual([
      'Start',
      'Review',
      'Ok',
      'ToReview',
      'FromReview',
      'Review',
      'Ok',
      'ToEnd',
      'FromEnd',
      'End',
    ]);
  });
});

describe('compensation', () => {
  it('a throw starts the handlers of the completed activities of its scope (sub-processes too), latest first, and waits for them', async () => {
    const waiting = await run(here, 'compensation.bpmn', {
      steps: [{ complete: 'Charge', variables: { paid: false } }],
    });
    expect(waiting.waiting).toEqual(['Refund']);
    expect(waiting.passed.slice(-3)).toEqual(['Charge', 'Ok', 'CancelBooking']);
    const done = await run(here, 'compensation.bpmn', {
      steps: [{ complete: 'Charge', variables: { paid: false } }, { complete: 'Refund' }],
    });
    expect(done.state).toBe('completed');
    // each activity is compensated once: the end event naming Book finds nothing left to undo
    expect(done.passed.slice(-3)).toEqual(['Refund', 'Undo', 'UndoBookingOnly']);
    expect(done.passed.filter((id) => id === 'CancelBooking')).toHaveLength(1);
  });

  it('a compensation end event naming an activity compensates only that one', async () => {
    const trace = await run(here, 'compensation-activity-ref.bpmn', {
      steps: [{ complete: 'Charge', variables: { paid: false } }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed.slice(-3)).toEqual(['Undo', 'CancelBooking', 'UndoBookingOnly']);
    expect(trace.passed).not.toContain('Refund');
  });

  it('nothing is compensated on the path that needs no undoing', async () => {
    const trace = await run(here, 'compensation.bpmn', {
      steps: [{ complete: 'Charge', variables: { paid: true } }],
    });
    expect(trace.state).toBe('completed');
    expect(trace.passed).not.toContain('CancelBooking');
    expect(trace.passed).not.toContain('Refund');
  });
});
