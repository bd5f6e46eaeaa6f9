import { localMinute } from '../common/time-zone.js';
import type { MonthlyPlan } from './plan.entity.js';

/** The fields of a plan a committee compares with the branch's plan of the month before. */
export const PLAN_FIELDS = [
  'topic',
  'plannedAt',
  'place',
  'meetingTypes',
  'segments',
  'activity',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

type Compared = Pick<MonthlyPlan, PlanField>;

/**
 * The fields of `plan` that differ from `previous` (the branch's plan of the month before).
 * The session's time counts as changed when its day of the month or hour differs (每月固定时间);
 * meeting types are compared as a set, segments by key, owner and content, in order.
 */
export function planChanges(plan: Compared, previous: Compared): PlanField[] {
  const same: Record<PlanField, boolean> = {
    topic: plan.topic === previous.topic,
    plannedAt: dayAndTime(plan.plannedAt) === dayAndTime(previous.plannedAt),
    place: plan.place === previous.place,
    meetingTypes: [...plan.meetingTypes].sort().join() === [...previous.meetingTypes].sort().join(),
    segments:
      JSON.stringify(plan.segments.map(({ key, ownerId, content }) => [key, ownerId, content])) ===
      JSON.stringify(previous.segments.map(({ key, ownerId, content }) => [key, ownerId, content])),
    activity:
      (plan.activity?.kind ?? null) === (previous.activity?.kind ?? null) &&
      (plan.activity?.description ?? null) === (previous.activity?.description ?? null),
  };
  return PLAN_FIELDS.filter((field) => !same[field]);
}

/** `DD HH:mm` on the university's clock. */
function dayAndTime(at: Date | null): string | null {
  return at ? localMinute(at).slice(8) : null;
}

/** The month before `month` (`YYYY-MM`). */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
