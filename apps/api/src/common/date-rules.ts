import { localDay } from './time-zone.js';
import { monthOf } from '../plans/month.js';
import { fieldErrors } from '../task-forms/field-error.js';
import { fieldLabel } from './field-labels.js';
import { bilingual } from './locale.js';

/**
 * The checks every date a user enters goes through, each against what the date means. Days are
 * China calendar days (`YYYY-MM-DD`), months `YYYY-MM`; a failed check is a 400 naming the field.
 */
export type DateCheck = { field: string; error: string } | null;

/** `2026-03` → 2026年3月 / March 2026 (for messages). */
export function monthInWords(month: string): [zh: string, en: string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const en = new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return [`${y}年${m}月`, en];
}

function problem(field: string, zh: (label: string) => string, en: (label: string) => string) {
  return { field, error: bilingual(zh(fieldLabel(field, 'zh')), en(fieldLabel(field, 'en'))) };
}

/** A due date: a day after today. */
export function dueAfterToday(field: string, day: string, now: Date): DateCheck {
  const today = localDay(now);
  return day > today
    ? null
    : problem(
        field,
        (l) => `${l}须晚于今天（${today}）`,
        (l) => `${l} must be after today (${today})`,
      );
}

/** Something that has happened: a day no later than today. */
export function notAfterToday(field: string, day: string, now: Date): DateCheck {
  const today = localDay(now);
  return day <= today
    ? null
    : problem(
        field,
        (l) => `${l}不能晚于今天（${today}）`,
        (l) => `${l} cannot be later than today (${today})`,
      );
}

/** A moment inside `month` (China time). */
export function withinMonth(field: string, at: Date, month: string): DateCheck {
  const [zh, en] = monthInWords(month);
  return monthOf(at) === month
    ? null
    : problem(
        field,
        (l) => `${l}须在${zh}内`,
        (l) => `${l} must fall in ${en}`,
      );
}

/** A moment still ahead. */
export function ahead(field: string, at: Date, now: Date): DateCheck {
  return at.getTime() > now.getTime()
    ? null
    : problem(
        field,
        (l) => `${l}须晚于当前时间`,
        (l) => `${l} must be in the future`,
      );
}

/** A moment already passed. */
export function passed(field: string, at: Date, now: Date): DateCheck {
  return at.getTime() <= now.getTime()
    ? null
    : problem(
        field,
        (l) => `${l}不能晚于当前时间`,
        (l) => `${l} cannot be in the future`,
      );
}

/** A month that has not ended yet (work planned for it can still happen). */
export function monthNotOver(field: string, month: string, now: Date): DateCheck {
  const current = monthOf(now);
  return month >= current
    ? null
    : problem(
        field,
        (l) => `${l}已过去，请选择${monthInWords(current)[0]}或之后的月份`,
        (l) => `${l} is over; choose ${monthInWords(current)[1]} or later`,
      );
}

/** A month that has begun (its records can be checked). */
export function monthBegun(field: string, month: string, now: Date): DateCheck {
  const current = monthOf(now);
  return month <= current
    ? null
    : problem(
        field,
        (l) => `${l}尚未开始，请选择${monthInWords(current)[0]}或之前的月份`,
        (l) => `${l} has not begun; choose ${monthInWords(current)[1]} or earlier`,
      );
}

/** A year that has begun. */
export function yearBegun(field: string, year: number, now: Date): DateCheck {
  const current = Number(monthOf(now).slice(0, 4));
  return year <= current
    ? null
    : problem(
        field,
        (l) => `${l}尚未开始，请选择${current}年或之前`,
        (l) => `${l} has not begun; choose ${current} or earlier`,
      );
}

/** 400 with every failed check; nothing when all hold. */
export function assertDates(...checks: DateCheck[]): void {
  const failed = checks.filter((c): c is { field: string; error: string } => c !== null);
  if (failed.length > 0) {
    throw fieldErrors(failed.map((c) => ({ field: c.field, message: c.error })));
  }
}

/** A day that must be the day something else happened (`what`: its words, zh and en). */
export function sameDay(
  field: string,
  day: string,
  expected: string,
  what: readonly [zh: string, en: string],
): DateCheck {
  return day === expected
    ? null
    : problem(
        field,
        (l) => `${l}须为${what[0]}（${expected}）`,
        (l) => `${l} must be ${what[1]} (${expected})`,
      );
}
