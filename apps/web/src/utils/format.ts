/**
 * Every time a person reads or types is on the university's clock, whatever zone the browser
 * itself is in: the IANA zone the API names in `<meta name="orglife-time-zone">`
 * (ORGLIFE_TIME_ZONE), else VITE_TIME_ZONE of the build, else Asia/Shanghai.
 */
export function configuredTimeZone(doc: Pick<Document, 'querySelector'> | undefined): string {
  const fromServer = doc?.querySelector('meta[name="orglife-time-zone"]')?.getAttribute('content');
  for (const zone of [fromServer, import.meta.env.VITE_TIME_ZONE]) {
    if (zone && isTimeZone(zone)) return zone;
  }
  return 'Asia/Shanghai';
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Formatting and reading times on one zone's clock (or the zone a function names on first use:
 * the first formatter with a time zone costs the browser its zone data, which a first screen
 * without times need not wait for).
 */
export function universityClock(zone: string | (() => string)) {
  let wallClock: Intl.DateTimeFormat | undefined;
  const clock = () =>
    (wallClock ??= new Intl.DateTimeFormat('en-CA', {
      timeZone: typeof zone === 'string' ? zone : zone(),
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }));

  /** `YYYY-MM-DD HH:mm:ss` of the instant on the zone's clock. */
  function wall(d: Date): string {
    const part = Object.fromEntries(
      clock()
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
    return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
  }

  /** `2026-11-27 09:30`, or an em dash when absent. */
  function formatDateTime(value: string | null | undefined): string {
    if (!value) return '—';
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return value;
    return wall(d).slice(0, 16);
  }

  /** ISO → `YYYY-MM-DD HH:mm:ss` (the date pickers' value format). */
  function toLocalDateTime(iso: string | null | undefined): string {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    return wall(d);
  }

  /** `YYYY-MM-DD HH:mm:ss` → ISO. */
  function fromLocalDateTime(local: string): string {
    const asUtc = Date.parse(`${local.replace(' ', 'T')}Z`);
    // The zone's offset at that moment (twice: the first guess may sit across a DST change).
    const offsetAt = (t: number) => Date.parse(`${wall(new Date(t)).replace(' ', 'T')}Z`) - t;
    const guess = asUtc - offsetAt(asUtc);
    return new Date(asUtc - offsetAt(guess)).toISOString();
  }

  return {
    formatDateTime,
    formatDate: (value: string | null | undefined) => formatDateTime(value).slice(0, 10),
    toLocalDateTime,
    fromLocalDateTime,
  };
}

let zone: string | undefined;
/** The university's time zone (index.html's meta, the build's VITE_TIME_ZONE, Asia/Shanghai). */
export function timeZone(): string {
  return (zone ??= configuredTimeZone(typeof document === 'undefined' ? undefined : document));
}

export const { formatDateTime, formatDate, toLocalDateTime, fromLocalDateTime } =
  universityClock(timeZone);

/** Today, `YYYY-MM-DD`, on the university's clock. */
export function today(): string {
  return formatDate(new Date().toISOString());
}
