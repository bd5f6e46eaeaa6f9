/**
 * The university's clock. Every time a person reads (pages, exports, print) and every calendar
 * day, month and quarter the rules count is on it: the IANA zone in ORGLIFE_TIME_ZONE,
 * Asia/Shanghai when unset. Conversions go through Intl with the zone's own rules (no fixed
 * offset), so a zone with daylight saving time is right on both sides of the change.
 */
export const DEFAULT_UNIVERSITY_TIME_ZONE = 'Asia/Shanghai';

/** Whether `name` is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** ORGLIFE_TIME_ZONE, or Asia/Shanghai; a bad value is refused at start (server-config). */
export function universityTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const zone = env.ORGLIFE_TIME_ZONE;
  return zone && isTimeZone(zone) ? zone : DEFAULT_UNIVERSITY_TIME_ZONE;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** `YYYY-MM-DD HH:mm:ss` of the instant on the university's clock. */
export function wallClock(at: Date, zone = universityTimeZone()): string {
  const part = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** `YYYY-MM-DD HH:mm` on the university's clock: how a time is written for people. */
export function localMinute(at: Date, zone = universityTimeZone()): string {
  return wallClock(at, zone).slice(0, 16);
}

/** `YYYY-MM-DD`: the calendar day of the instant on the university's clock. */
export function localDay(at: Date, zone = universityTimeZone()): string {
  return wallClock(at, zone).slice(0, 10);
}

/** The instant `local` (`YYYY-MM-DD HH:mm:ss`) names on the university's clock. */
export function instantOf(local: string, zone = universityTimeZone()): Date {
  const asUtc = Date.parse(`${local.replace(' ', 'T')}Z`);
  // The zone's offset at that moment (twice: the first guess may sit across a DST change).
  const offsetAt = (t: number) =>
    Date.parse(`${wallClock(new Date(t), zone).replace(' ', 'T')}Z`) - t;
  return new Date(asUtc - offsetAt(asUtc - offsetAt(asUtc)));
}
