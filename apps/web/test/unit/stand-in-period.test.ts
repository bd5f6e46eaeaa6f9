import { describe, expect, it } from 'vitest';
import { periodOf, periodText } from '@/modules/stand-ins/stand-in-period';
import { today } from '@/utils/format';

describe('a stand-in period picked as days', () => {
  it('runs from the start of the first day to the end of the last, on the university clock', () => {
    expect(periodOf('2030-01-02', '2030-01-04')).toEqual({
      startsAt: '2030-01-01T16:00:00.000Z',
      endsAt: '2030-01-04T16:00:00.000Z',
    });
  });

  it('starts now when the first day is today', () => {
    const now = new Date();
    const { startsAt, endsAt } = periodOf(today(), today(), now);
    expect(startsAt).toBe(now.toISOString());
    expect(Date.parse(endsAt)).toBeGreaterThan(now.getTime());
  });

  it('reads as ending at 24:00 of the last day, or at its own time otherwise', () => {
    expect(periodText('2030-01-01T16:00:00.000Z', '2030-01-04T16:00:00.000Z')).toBe(
      '2030-01-02 00:00 — 2030-01-04 24:00',
    );
    expect(periodText('2030-01-01T16:00:00.000Z', '2030-01-04T09:30:00.000Z')).toBe(
      '2030-01-02 00:00 — 2030-01-04 17:30',
    );
  });
});
