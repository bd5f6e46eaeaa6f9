/** ISO-8601 durations and date-times, computed in UTC milliseconds. */

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Designators in either case, as java.time's Duration.parse and Period.parse take them (PT30s). */
const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})(?:\[[^\]]+\])?$/;

export function parseDuration(text: string): Duration | null {
  const m = DURATION.exec(text.trim());
  if (!m || /^p$/i.test(text.trim()) || /t$/i.test(text.trim())) return null;
  const n = (i: number): number => Number((m[i] ?? '0').replace(',', '.'));
  return {
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
    seconds: n(7),
  };
}

/** Milliseconds since the epoch, or null when the text is not a full ISO date-time. */
export function parseDateTime(text: string): number | null {
  const trimmed = text.trim();
  if (!DATE_TIME.test(trimmed)) return null;
  const ms = Date.parse(trimmed.replace(/\[[^\]]+\]$/, ''));
  return Number.isNaN(ms) ? null : ms;
}

/**
 * `from` plus a duration, in UTC, as java.time (and so Zeebe) adds one: years and months first,
 * the day of month clamped to the month's last day (Jan 31 + P1M = Feb 28 or 29), then weeks
 * and days, then the time part.
 */
export function addDuration(from: number, d: Duration): number {
  const date = new Date(from);
  if (d.years || d.months) {
    const months = date.getUTCMonth() + d.years * 12 + d.months;
    const year = date.getUTCFullYear() + Math.floor(months / 12);
    const month = ((months % 12) + 12) % 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    date.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  }
  const days = d.weeks * 7 + d.days;
  return (
    date.getTime() +
    ((days * 24 + d.hours) * 60 + d.minutes) * 60_000 +
    Math.round(d.seconds * 1000)
  );
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
