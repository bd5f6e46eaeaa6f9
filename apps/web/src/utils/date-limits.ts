import { today } from './format';

/**
 * Which days and months a date picker offers (element-plus `disabled-date` hides a day when the
 * predicate is true). They mirror the API's date checks: a picker's cell is a calendar day, and
 * today is the day on the university's clock, whatever zone the browser is in.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Hides today and earlier: due dates. */
export const hideUntilToday = (d: Date): boolean => dayOf(d) <= today();

/** Hides days before today: a period that starts now or later. */
export const hideBeforeToday = (d: Date): boolean => dayOf(d) < today();

/** Hides days after today: what has already happened. */
export const hideAfterToday = (d: Date): boolean => dayOf(d) > today();

/** Hides days outside `month` (YYYY-MM) and before today: a planned session. */
export const hideOutsideMonthAhead =
  (month: string) =>
  (d: Date): boolean =>
    !dayOf(d).startsWith(month) || dayOf(d) < today();

/** Hides days outside `month` and after today: a session held. */
export const hideOutsideMonthPast =
  (month: string) =>
  (d: Date): boolean =>
    !dayOf(d).startsWith(month) || hideAfterToday(d);

/** Hides months already over: content and plans for a month still to come. */
export const hidePastMonths = (d: Date): boolean => dayOf(d).slice(0, 7) < today().slice(0, 7);

/** Hides months not yet begun: a spot check of a month's records. */
export const hideFutureMonths = (d: Date): boolean => dayOf(d).slice(0, 7) > today().slice(0, 7);
