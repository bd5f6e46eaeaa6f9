import { addDuration, parseDuration } from '@orglife/engine';

/** A due date entered as a China calendar day falls due at the end of that day. */
export function endOfChinaDay(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
}

/**
 * `from` plus an ISO-8601 duration such as `P30D`, with the engine's own reading of it (months
 * clamp at month end as java.time does, in UTC), so due dates and timers agree.
 */
export function addIsoDuration(from: Date, duration: string): Date {
  const parsed = parseDuration(duration);
  if (!parsed) {
    throw new RangeError(
      `followUpDelay must be an ISO-8601 duration such as P30D, got "${duration}"`,
    );
  }
  return new Date(addDuration(from.getTime(), parsed));
}
