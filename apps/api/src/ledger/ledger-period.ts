/** How often a requirement must be met within the year. */
export const LEDGER_PERIODS = ['month', 'quarter', 'semester', 'year'] as const;
export type LedgerPeriod = (typeof LEDGER_PERIODS)[number];

/** One window of a period inside a year, dates as `YYYY-MM-DD` (days on the university's clock). */
export interface PeriodWindow {
  /** `2026-03`, `2026-Q1`, `2026-H1` or `2026`. */
  label: string;
  start: string;
  end: string;
}

const MONTHS_PER_WINDOW: Record<LedgerPeriod, number> = {
  month: 1,
  quarter: 3,
  semester: 6,
  year: 12,
};

/** The windows of `period` that make up `year`, in order. Semesters are calendar halves. */
export function windowsOf(year: number, period: LedgerPeriod): PeriodWindow[] {
  const size = MONTHS_PER_WINDOW[period];
  const windows: PeriodWindow[] = [];
  for (let first = 1; first <= 12; first += size) {
    const last = first + size - 1;
    windows.push({
      label: labelOf(year, period, first),
      start: `${year}-${pad(first)}-01`,
      end: `${year}-${pad(last)}-${pad(daysIn(year, last))}`,
    });
  }
  return windows;
}

export function inWindow(day: string, window: PeriodWindow): boolean {
  return day >= window.start && day <= window.end;
}

function labelOf(year: number, period: LedgerPeriod, firstMonth: number): string {
  switch (period) {
    case 'month':
      return `${year}-${pad(firstMonth)}`;
    case 'quarter':
      return `${year}-Q${(firstMonth + 2) / 3}`;
    case 'semester':
      return `${year}-H${firstMonth === 1 ? 1 : 2}`;
    case 'year':
      return `${year}`;
  }
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
