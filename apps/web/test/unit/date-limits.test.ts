import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  hideAfterToday,
  hideFutureMonths,
  hideOutsideMonthAhead,
  hideOutsideMonthPast,
  hidePastMonths,
  hideUntilToday,
} from '@/utils/date-limits';

const day = (iso: string) => new Date(`${iso}T12:00:00`);

describe('date pickers offer only dates the API accepts (today is 20 March 2026)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(day('2026-03-20'));
  });
  afterEach(() => vi.useRealTimers());

  it('a due date: only after today', () => {
    expect([day('2026-03-19'), day('2026-03-20'), day('2026-03-21')].map(hideUntilToday)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('an on-site visit: up to today', () => {
    expect([day('2026-03-20'), day('2026-03-21')].map(hideAfterToday)).toEqual([false, true]);
  });

  it('a planned session: in its month, from today', () => {
    const hide = hideOutsideMonthAhead('2026-03');
    expect(
      [day('2026-03-19'), day('2026-03-20'), day('2026-03-31'), day('2026-04-01')].map(hide),
    ).toEqual([true, false, false, true]);
  });

  it('a session held: in its month, up to today', () => {
    const hide = hideOutsideMonthPast('2026-03');
    expect(
      [day('2026-02-28'), day('2026-03-01'), day('2026-03-20'), day('2026-03-21')].map(hide),
    ).toEqual([true, false, false, true]);
  });

  it('months: study content and plans from this month on, spot checks up to this month', () => {
    expect([day('2026-02-01'), day('2026-03-01'), day('2026-04-01')].map(hidePastMonths)).toEqual([
      true,
      false,
      false,
    ]);
    expect([day('2026-03-01'), day('2026-04-01')].map(hideFutureMonths)).toEqual([false, true]);
  });

  it('counts today on the university’s clock: 01:00 in Beijing is already the next day', () => {
    vi.setSystemTime(new Date('2026-03-20T17:00:00Z'));
    expect(hideUntilToday(day('2026-03-21'))).toBe(true);
    expect(hideAfterToday(day('2026-03-21'))).toBe(false);
  });
});
