import { describe, expect, it } from 'vitest';
import { feel, literal } from '../../src/feel/expression.js';
import { armTimer, checkTimerLiteral, nextOfCycle } from '../../src/timers/timer-definition.js';

const now = '2026-01-05T08:00:00.000Z';
const iso = (ms: number) => new Date(ms).toISOString();

describe('timer definitions', () => {
  it('a date fires at that date', () => {
    const armed = armTimer({ type: 'date', value: literal('2026-02-01T09:30:00+08:00') }, {}, now);
    expect(armed.ok && iso(armed.dueAt)).toBe('2026-02-01T01:30:00.000Z');
  });

  it('a duration counts from the clock, calendar months included', () => {
    const armed = armTimer({ type: 'duration', value: literal('P1M2DT3H') }, {}, now);
    expect(armed.ok && iso(armed.dueAt)).toBe('2026-02-07T11:00:00.000Z');
  });

  it('a duration takes its designators in either case, as java.time does (PT30s)', () => {
    expect(checkTimerLiteral('duration', 'PT30s')).toBeNull();
    const armed = armTimer({ type: 'duration', value: literal('PT30s') }, {}, now);
    expect(armed.ok && iso(armed.dueAt)).toBe('2026-01-05T08:00:30.000Z');
    expect(checkTimerLiteral('duration', 'PT')).not.toBeNull();
  });

  it('a FEEL value is evaluated against the variables', () => {
    const armed = armTimer({ type: 'duration', value: feel('wait') }, { wait: 'PT5M' }, now);
    expect(armed.ok && iso(armed.dueAt)).toBe('2026-01-05T08:05:00.000Z');
  });

  it('Rn/duration repeats n times, each firing counted from the previous due time', () => {
    const armed = armTimer({ type: 'cycle', value: literal('R3/PT10M') }, {}, now);
    if (!armed.ok || !armed.cycle) throw new Error('not armed');
    expect(iso(armed.dueAt)).toBe('2026-01-05T08:10:00.000Z');
    const second = nextOfCycle(armed.cycle, armed.dueAt);
    const third = second && nextOfCycle(second.cycle, second.dueAt);
    expect(second && iso(second.dueAt)).toBe('2026-01-05T08:20:00.000Z');
    expect(third && iso(third.dueAt)).toBe('2026-01-05T08:30:00.000Z');
    expect(third && nextOfCycle(third.cycle, third.dueAt)).toBeNull();
  });

  it('R/start/duration starts at the start date and never ends', () => {
    const armed = armTimer(
      { type: 'cycle', value: literal('R/2026-01-10T09:00:00Z/P1D') },
      {},
      now,
    );
    if (!armed.ok || !armed.cycle) throw new Error('not armed');
    expect(iso(armed.dueAt)).toBe('2026-01-10T09:00:00.000Z');
    expect(armed.cycle.left).toBe(-1);
    expect(iso(nextOfCycle(armed.cycle, armed.dueAt)?.dueAt ?? 0)).toBe('2026-01-11T09:00:00.000Z');
  });

  it('a cron cycle is computed from the given clock, not the system time', () => {
    const armed = armTimer(
      { type: 'cycle', value: literal('0 0 9 * * MON-FRI') },
      {},
      '2026-01-09T10:00:00.000Z',
      'UTC',
    );
    if (!armed.ok || !armed.cycle) throw new Error('not armed');
    expect(iso(armed.dueAt)).toBe('2026-01-12T09:00:00.000Z');
    expect(iso(nextOfCycle(armed.cycle, armed.dueAt, 'UTC')?.dueAt ?? 0)).toBe(
      '2026-01-13T09:00:00.000Z',
    );
  });

  it('a cron cycle runs in Asia/Shanghai unless told another time zone', () => {
    const cron = { type: 'cycle', value: literal('0 0 9 * * MON-FRI') } as const;
    const shanghai = armTimer(cron, {}, '2026-01-09T10:00:00.000Z');
    if (!shanghai.ok || !shanghai.cycle) throw new Error('not armed');
    expect(iso(shanghai.dueAt)).toBe('2026-01-12T01:00:00.000Z');
    expect(iso(nextOfCycle(shanghai.cycle, shanghai.dueAt)?.dueAt ?? 0)).toBe(
      '2026-01-13T01:00:00.000Z',
    );
    const berlin = armTimer(cron, {}, '2026-01-09T10:00:00.000Z', 'Europe/Berlin');
    expect(berlin.ok && iso(berlin.dueAt)).toBe('2026-01-12T08:00:00.000Z');
  });

  it.each([
    ['2026-01-31T08:00:00.000Z', 'P1M', '2026-02-28T08:00:00.000Z'],
    ['2028-01-31T08:00:00.000Z', 'P1M', '2028-02-29T08:00:00.000Z'],
    ['2026-03-31T08:00:00.000Z', 'P1M1D', '2026-05-01T08:00:00.000Z'],
    ['2028-02-29T08:00:00.000Z', 'P1Y', '2029-02-28T08:00:00.000Z'],
    ['2026-08-31T08:00:00.000Z', 'P6M', '2027-02-28T08:00:00.000Z'],
  ])('from %s a duration of %s clamps at month end as java.time does: %s', (from, text, due) => {
    const armed = armTimer({ type: 'duration', value: literal(text) }, {}, from);
    expect(armed.ok && iso(armed.dueAt)).toBe(due);
  });

  it.each([
    ['date', '2026-13-01'],
    ['duration', 'PT'],
    ['duration', '5 minutes'],
    ['cycle', 'R3/soon'],
    ['cycle', 'every day'],
  ] as const)('rejects the %s %s in words', (type, text) => {
    expect(checkTimerLiteral(type, text)).toMatch(/is not|neither/);
  });
});
