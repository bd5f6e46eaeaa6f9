/** `YYYY-MM`, the key of a monthly cycle. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MONTH_MESSAGE = '月份格式应为 YYYY-MM (month must be YYYY-MM)';

/** The month (`YYYY-MM`, China time, UTC+8) a moment falls in. */
export function monthOf(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3600_000);
  return china.toISOString().slice(0, 7);
}
