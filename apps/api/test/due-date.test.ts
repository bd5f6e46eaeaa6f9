import { describe, expect, it } from 'vitest';
import { addIsoDuration } from '../src/rectification/due-date.js';

describe('due dates from ISO-8601 durations (the engine reads them, as its timers do)', () => {
  it.each([
    ['2026-01-31T08:00:00.000Z', 'P1M', '2026-02-28T08:00:00.000Z'],
    ['2028-01-31T08:00:00.000Z', 'P1M', '2028-02-29T08:00:00.000Z'],
    ['2026-03-02T01:00:00.000Z', 'P30D', '2026-04-01T01:00:00.000Z'],
    ['2026-05-31T00:00:00.000Z', 'P1Y1M', '2027-06-30T00:00:00.000Z'],
  ])('%s + %s = %s (months clamp at month end as java.time does)', (from, duration, due) => {
    expect(addIsoDuration(new Date(from), duration).toISOString()).toBe(due);
  });

  it('names a malformed duration', () => {
    expect(() => addIsoDuration(new Date(), '30 days')).toThrow(/ISO-8601 duration.*"30 days"/);
  });
});
