import { formatDate, formatDateTime, fromLocalDateTime, today } from '@/utils/format';

/**
 * A stand-in's period as a person picks it: whole days on the university's clock, from the start
 * of the first day (or now, when that is today) to the end of the last.
 */
export function periodOf(
  firstDay: string,
  lastDay: string,
  now: Date = new Date(),
): { startsAt: string; endsAt: string } {
  const dayStart = fromLocalDateTime(`${firstDay} 00:00:00`);
  const startsAt =
    firstDay === today() && Date.parse(dayStart) < now.getTime() ? now.toISOString() : dayStart;
  const endsAt = new Date(Date.parse(fromLocalDateTime(`${lastDay} 00:00:00`)) + 86_400_000);
  return { startsAt, endsAt: endsAt.toISOString() };
}

/** How a period reads: one ending at midnight ends at 24:00 of its last day, as people say it. */
export function periodText(startsAt: string, endsAt: string): string {
  const end = formatDateTime(endsAt);
  const lastDayEnd = end.endsWith(' 00:00')
    ? `${formatDate(new Date(Date.parse(endsAt) - 1).toISOString())} 24:00`
    : end;
  return `${formatDateTime(startsAt)} — ${lastDayEnd}`;
}
