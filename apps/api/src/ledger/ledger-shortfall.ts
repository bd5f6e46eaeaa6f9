import { inWindow, windowsOf, type LedgerPeriod } from './ledger-period.js';

/** A requirement's state in one window: met, still open until `dueBy`, or missed. */
export interface RequirementCheck {
  requirement: string;
  window: string;
  dueBy: string;
  have: number;
  need: number;
  status: 'met' | 'due' | 'missed';
  /** For per-person requirements on a branch row (each committee member's lecture). */
  personId?: string;
}

export interface RequirementRule {
  key: string;
  period: LedgerPeriod;
  minCount: number;
}

/**
 * Checks a requirement over each window of the year that has started by `today` and not ended
 * before `since` (the day the unit existed or the member joined): windows already over are met
 * or missed; the current one is met or due by its last day. Future windows are not listed, so
 * shortfalls appear as the year runs rather than at its end. With `until` (the day a member
 * transferred out) only the windows that ended before it are checked here: a window still
 * running on the transfer day belongs to the member's next branch.
 */
export function checkRequirement(
  rule: RequirementRule,
  year: number,
  today: string,
  eventDays: readonly string[],
  since = '',
  until: string | null = null,
): RequirementCheck[] {
  return windowsOf(year, rule.period)
    .filter((w) => w.start <= today && w.end >= since && (until === null || w.end < until))
    .map((w) => {
      const have = eventDays.filter((d) => inWindow(d, w)).length;
      const status = have >= rule.minCount ? 'met' : w.end < today ? 'missed' : 'due';
      return {
        requirement: rule.key,
        window: w.label,
        dueBy: w.end,
        have,
        need: rule.minCount,
        status,
      };
    });
}

/** The checks that are not met: what a dashboard lists as shortfalls. */
export function shortfallsOf(checks: readonly RequirementCheck[]): RequirementCheck[] {
  return checks.filter((c) => c.status !== 'met');
}
