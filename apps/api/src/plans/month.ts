import { localDay } from '../common/time-zone.js';

/** `YYYY-MM`, the key of a monthly cycle. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MONTH_MESSAGE = '月份格式应为 YYYY-MM (month must be YYYY-MM)';

/** The month (`YYYY-MM`, on the university's clock) a moment falls in. */
export function monthOf(at: Date): string {
  return localDay(at).slice(0, 7);
}
