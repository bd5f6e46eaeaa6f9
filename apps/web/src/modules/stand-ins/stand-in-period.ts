import { fromLocalDateTime, today } from '@/utils/format';

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
