/**
 * Timer event definitions: an ISO date, a duration, or a cycle (`R/…`, `Rn/…`, optionally
 * with a start date, or a cron expression). Literals are checked at compile time; FEEL values
 * are evaluated when the timer is armed.
 */
import { CronExpressionParser } from 'cron-parser';
import { evaluateExpr, type Expr } from '../feel/expression.js';
import type { Variables } from '../contract.js';
import { addDuration, parseDateTime, parseDuration, toIso } from './iso8601.js';

export interface TimerDef {
  type: 'date' | 'duration' | 'cycle';
  value: Expr;
}

/** A resolved cycle, kept in the subscription so later firings need no re-evaluation. */
export interface Cycle {
  text: string;
  /** Firings left after the current one; -1 means unbounded. */
  left: number;
}

export type Armed = { ok: true; dueAt: number; cycle?: Cycle } | { ok: false; message: string };

type ParsedCycle =
  | { kind: 'repeat'; repetitions: number; start: number | null; text: string }
  | { kind: 'cron'; text: string };

const REPEAT = /^R(\d*)\/(.+)$/;

function parseCycle(text: string): ParsedCycle | string {
  const trimmed = text.trim();
  const m = REPEAT.exec(trimmed);
  if (m) {
    const repetitions = m[1] === '' || m[1] === undefined ? -1 : Number(m[1]);
    const parts = (m[2] ?? '').split('/');
    if (parts.length === 1 && parseDuration(parts[0] ?? '')) {
      return { kind: 'repeat', repetitions, start: null, text: trimmed };
    }
    if (parts.length === 2) {
      const start = parseDateTime(parts[0] ?? '');
      if (start !== null && parseDuration(parts[1] ?? '')) {
        return { kind: 'repeat', repetitions, start, text: trimmed };
      }
    }
    return `'${text}' is not a valid ISO-8601 repeating interval (e.g. R3/PT10M or R/2026-01-01T09:00:00Z/P1D)`;
  }
  try {
    CronExpressionParser.parse(trimmed, { currentDate: new Date(0), tz: 'UTC' });
    return { kind: 'cron', text: trimmed };
  } catch {
    return `'${text}' is neither an ISO-8601 cycle (R/…) nor a cron expression`;
  }
}

/** A problem with a literal timer value, or null when it is valid. */
export function checkTimerLiteral(type: TimerDef['type'], text: string): string | null {
  switch (type) {
    case 'date':
      return parseDateTime(text) === null
        ? `'${text}' is not an ISO-8601 date-time with a time zone (e.g. 2026-01-01T09:00:00Z)`
        : null;
    case 'duration':
      return parseDuration(text) === null
        ? `'${text}' is not an ISO-8601 duration (e.g. PT15M, P2D)`
        : null;
    case 'cycle': {
      const parsed = parseCycle(text);
      return typeof parsed === 'string' ? parsed : null;
    }
  }
}

/** The time zone cron timers run in unless the caller names another (IANA name). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function cronAfter(text: string, after: number, timeZone: string): number {
  return CronExpressionParser.parse(text, { currentDate: new Date(after), tz: timeZone })
    .next()
    .getTime();
}

function cycleDuration(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1);
}

/** The first due time of a cycle armed at `now`. */
function firstOfCycle(parsed: ParsedCycle, now: number, timeZone: string): Armed {
  if (parsed.kind === 'cron') {
    const dueAt = cronAfter(parsed.text, now, timeZone);
    return { ok: true, dueAt, cycle: { text: parsed.text, left: -1 } };
  }
  if (parsed.repetitions === 0)
    return { ok: false, message: `timer cycle '${parsed.text}' repeats zero times` };
  const left = parsed.repetitions < 0 ? -1 : parsed.repetitions - 1;
  const duration = parseDuration(cycleDuration(parsed.text));
  if (!duration) return { ok: false, message: `'${parsed.text}' has no valid duration` };
  const dueAt = parsed.start ?? addDuration(now, duration);
  return { ok: true, dueAt, cycle: { text: parsed.text, left } };
}

/** The next due time after a firing at `previous`, or null when the cycle is exhausted. */
export function nextOfCycle(
  cycle: Cycle,
  previous: number,
  timeZone = DEFAULT_TIME_ZONE,
): { dueAt: number; cycle: Cycle } | null {
  if (cycle.left === 0) return null;
  const left = cycle.left < 0 ? -1 : cycle.left - 1;
  if (!cycle.text.startsWith('R')) {
    return { dueAt: cronAfter(cycle.text, previous, timeZone), cycle: { text: cycle.text, left } };
  }
  const duration = parseDuration(cycleDuration(cycle.text));
  if (!duration) return null;
  return { dueAt: addDuration(previous, duration), cycle: { text: cycle.text, left } };
}

/** Evaluates the timer (FEEL or literal) and computes its first due time from `now`; cron in `timeZone`. */
export function armTimer(
  def: TimerDef,
  variables: Variables,
  now: string,
  timeZone = DEFAULT_TIME_ZONE,
): Armed {
  const evaluated = evaluateExpr(def.value, variables, now);
  if (!evaluated.ok) return evaluated;
  const text = typeof evaluated.value === 'string' ? evaluated.value : null;
  if (text === null) {
    return {
      ok: false,
      message: `timer ${def.type} ${def.value.source} did not give a text value`,
    };
  }
  const problem = checkTimerLiteral(def.type, text);
  if (problem) return { ok: false, message: `timer ${def.type}: ${problem}` };
  const nowMs = Date.parse(now);
  switch (def.type) {
    case 'date':
      return { ok: true, dueAt: parseDateTime(text) ?? nowMs };
    case 'duration': {
      const duration = parseDuration(text);
      return duration
        ? { ok: true, dueAt: addDuration(nowMs, duration) }
        : { ok: false, message: text };
    }
    case 'cycle': {
      const parsed = parseCycle(text);
      return typeof parsed === 'string'
        ? { ok: false, message: parsed }
        : firstOfCycle(parsed, nowMs, timeZone);
    }
  }
}

export { toIso };
