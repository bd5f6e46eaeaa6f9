/**
 * Every time a person reads or types is on the university's clock: Asia/Shanghai unless the
 * build sets VITE_TIME_ZONE (an IANA zone), whatever zone the browser itself is in.
 */
export const TIME_ZONE: string = import.meta.env.VITE_TIME_ZONE || 'Asia/Shanghai';

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `YYYY-MM-DD HH:mm:ss` of the instant on the university's clock. */
function wall(d: Date): string {
  const part = Object.fromEntries(wallClock.formatToParts(d).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** `2026-11-27 09:30` on the university's clock, or an em dash when absent. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return wall(d).slice(0, 16);
}

export function formatDate(value: string | null | undefined): string {
  return formatDateTime(value).slice(0, 10);
}

/** ISO → `YYYY-MM-DD HH:mm:ss` on the university's clock (the date pickers' value format). */
export function toLocalDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return wall(d);
}

/** `YYYY-MM-DD HH:mm:ss` on the university's clock → ISO. */
export function fromLocalDateTime(local: string): string {
  const asUtc = Date.parse(`${local.replace(' ', 'T')}Z`);
  // The zone's offset at that moment (twice: the first guess may sit across a DST change).
  const offsetAt = (t: number) => Date.parse(`${wall(new Date(t)).replace(' ', 'T')}Z`) - t;
  const guess = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(guess)).toISOString();
}
