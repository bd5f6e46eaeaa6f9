/** A due date entered as a China calendar day falls due at the end of that day. */
export function endOfChinaDay(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
}

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** `from` plus an ISO-8601 duration such as `P30D` (calendar months and years in UTC). */
export function addIsoDuration(from: Date, duration: string): Date {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) {
    throw new RangeError(
      `followUpDelay must be an ISO-8601 duration such as P30D, got "${duration}"`,
    );
  }
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const at = new Date(from);
  at.setUTCFullYear(at.getUTCFullYear() + (y ?? 0), at.getUTCMonth() + (mo ?? 0));
  at.setUTCDate(at.getUTCDate() + (w ?? 0) * 7 + (d ?? 0));
  return new Date(at.getTime() + ((h ?? 0) * 3600 + (mi ?? 0) * 60 + (s ?? 0)) * 1000);
}
