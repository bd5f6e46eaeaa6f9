import { describe, expect, it } from 'vitest';
import { run } from '../support/scenario.js';

const here = import.meta.url;

describe('exclusive gateway', () => {
  it.each([
    [5000, 'Board'],
    [500, 'Manager'],
    [50, 'Clerk'],
  ])('with amount %i takes the first true condition or the default (%s)', async (amount, task) => {
    const trace = await run(here, 'exclusive-gateway.bpmn', { variables: { amount } });
    expect(trace.waiting).toEqual([task]);
  });

  it('stops with an incident when no condition is true and there is no default', async () => {
    const trace = await run(here, 'exclusive-no-default.bpmn', { variables: { ok: 'maybe' } });
    expect(trace.incidents).toHaveLength(1);
    expect(trace.incidents[0]?.elementId).toBe('Check');
    expect(trace.waiting).toEqual([]);
  });
});

describe('parallel gateway', () => {
  it('forks to every branch and joins once all have arrived', async () => {
    const twoDone = await run(here, 'parallel-gateway.bpmn', {
      steps: [{ complete: 'A' }, { complete: 'C' }],
    });
    expect(twoDone.waiting).toEqual(['B']);
    expect(twoDone.passed).not.toContain('Join');
    const allDone = await run(here, 'parallel-gateway.bpmn', {
      steps: [{ complete: 'A' }, { complete: 'C' }, { complete: 'B' }],
    });
    expect(allDone.state).toBe('completed');
    expect(allDone.passed.filter((e) => e === 'Join')).toHaveLength(1);
  });
});

describe('inclusive gateway', () => {
  it('takes every true branch and the join waits only for tokens that can still reach it', async () => {
    const trace = await run(here, 'inclusive-gateway.bpmn', {
      variables: { needA: true, needB: true },
      steps: [{ complete: 'A' }],
    });
    expect(trace.waiting).toEqual(['B']);
    const joined = await run(here, 'inclusive-gateway.bpmn', {
      variables: { needA: true, needB: true },
      steps: [{ complete: 'A' }, { complete: 'B' }],
    });
    expect(joined.waiting).toEqual(['After']);
  });

  it('joins a single branch at once', async () => {
    const trace = await run(here, 'inclusive-gateway.bpmn', {
      variables: { needA: false, needB: true },
      steps: [{ complete: 'B' }],
    });
    expect(trace.waiting).toEqual(['After']);
  });

  it('takes the default when no condition holds', async () => {
    const trace = await run(here, 'inclusive-gateway.bpmn', {
      variables: { needA: false, needB: false },
    });
    expect(trace.waiting).toEqual(['C']);
  });
});

describe('event-based gateway', () => {
  it('waits at the gateway itself and follows the message when it comes first', async () => {
    const waiting = await run(here, 'event-based-gateway.bpmn', { variables: { orderId: 'o-1' } });
    expect(waiting.waiting).toEqual(['Race']);
    const paid = await run(here, 'event-based-gateway.bpmn', {
      variables: { orderId: 'o-1' },
      steps: [{ message: 'payment', correlationKey: 'o-1' }, { advance: 'PT2H' }],
    });
    expect(paid.passed).toEqual(['Start', 'Race', 'Paid', 'EndPaid']);
  });

  it('follows the timer when it falls due first', async () => {
    const trace = await run(here, 'event-based-gateway.bpmn', {
      variables: { orderId: 'o-1' },
      steps: [{ advance: 'PT1H' }, { message: 'payment', correlationKey: 'o-1' }],
    });
    expect(trace.passed).toEqual(['Start', 'Race', 'Timeout', 'EndTimeout']);
  });
});

describe('inclusive gateway join', () => {
  it('does not wait for a token on a branch that can no longer reach it', async () => {
    const trace = await run(here, 'inclusive-unreachable.bpmn', {
      variables: { direct: false },
      steps: [{ complete: 'A' }],
    });
    expect(trace.waiting).toEqual(['B', 'After']);
    expect(trace.passed.filter((e) => e === 'Join')).toHaveLength(1);
  });

  it('waits for every token that can still arrive', async () => {
    const trace = await run(here, 'inclusive-unreachable.bpmn', { variables: { direct: true } });
    expect(trace.waiting).toEqual(['A', 'B']);
    const joined = await run(here, 'inclusive-unreachable.bpmn', {
      variables: { direct: true },
      steps: [{ complete: 'A' }],
    });
    expect(joined.passed.filter((e) => e === 'Join')).toHaveLength(1);
    expect(joined.waiting).toEqual(['B', 'After']);
  });
});
