/**
 * Expressions as Camunda 8 writes them: a value starting with `=` is FEEL, anything else a
 * literal. FEEL syntax is checked once at compile time; evaluation never throws.
 */
import {
  date,
  dateAndTime,
  evaluate,
  parseExpression,
  parseUnaryTests,
  unaryTest,
  type Warning,
} from 'feelin';
import type { JsonValue, Variables } from '../contract.js';
import { CAMUNDA_FUNCTION_NAMES, camundaFunctionsIn } from './camunda-functions.js';
import { compileFast, type FastExpression } from './fast-path.js';
import { readFeelText } from './feel-text.js';
import { toJson } from './to-json.js';

export type Expr =
  | {
      feel: true;
      source: string;
      /** What feelin evaluates (see readFeelText). */
      expression: string;
      fast?: FastExpression;
      /** The Camunda extension functions it names. */
      functions?: Record<string, (...args: unknown[]) => unknown>;
    }
  | { feel: false; source: string; value: string };

export type Evaluated = { ok: true; value: JsonValue } | { ok: false; message: string };

/** Warnings that mean the expression failed, not merely that a variable is absent (→ null). */
const FAILURES = new Set<Warning['type']>([
  'NO_FUNCTION_FOUND',
  'FUNCTION_INVOCATION_FAILURE',
  'INVALID_ARGUMENTS',
  'INVALID_TYPE',
]);

export function literal(value: string): Expr {
  return { feel: false, source: value, value };
}

export function feel(text: string): Expr {
  const { expression } = readFeelText(text);
  const fast = compileFast(expression, isBuiltinName);
  const functions = camundaFunctionsIn(expression);
  return {
    feel: true,
    source: `=${text}`,
    expression,
    ...(fast ? { fast } : {}),
    ...(functions ? { functions } : {}),
  };
}

/** Whether FEEL answers `name` alone with one of its built-in functions (`count`, `now`). */
function isBuiltinName(name: string): boolean {
  return typeof evaluate(name, {}).value === 'function';
}

/** `=…` becomes FEEL, anything else a literal. */
export function parseValue(raw: string): Expr {
  return raw.startsWith('=') ? feel(raw.slice(1)) : literal(raw);
}

/** The position of the first syntax error in a FEEL expression, or null when it parses. */
export function feelSyntaxError(text: string): number | null {
  if (text.trim() === '') return 0;
  const { expression, names } = readFeelText(text);
  const known: Record<string, null> = { ...CAMUNDA_FUNCTION_NAMES };
  for (const name of names) known[name] = null;
  let at: number | null = null;
  parseExpression(expression, known, undefined).iterate({
    enter(node) {
      if (at !== null) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  return at;
}

/** Whether a DMN input entry (FEEL unary tests; empty or `-` match anything) parses. */
export function unaryTestsParse(test: string): boolean {
  if (test === '' || test === '-') return true;
  let parses = true;
  parseUnaryTests(test, { ...CAMUNDA_FUNCTION_NAMES }, undefined).iterate({
    enter(node) {
      if (!parses) return false;
      if (node.type.isError) parses = false;
      return undefined;
    },
  });
  return parses;
}

/** Evaluates against the visible variables; `now()` and `today()` read the caller's clock. */
export function evaluateExpr(expr: Expr, variables: Variables, now: string): Evaluated {
  if (!expr.feel) return { ok: true, value: expr.value };
  const quick = expr.fast?.(variables);
  if (quick !== undefined) return { ok: true, value: quick };
  try {
    // Parsing the clock costs about a fifth of a simple condition, so only when asked for.
    const result = evaluate(expr.expression, {
      ...variables,
      ...expr.functions,
      now: () => dateAndTime(now),
      today: () => date(now.slice(0, 10)),
    });
    const failure = result.warnings.find((w) => FAILURES.has(w.type));
    if (failure) return { ok: false, message: `${expr.source}: ${failure.message}` };
    return { ok: true, value: toJson(result.value) };
  } catch (error) {
    return { ok: false, message: `${expr.source}: ${(error as Error).message}` };
  }
}

/**
 * A DMN input entry: FEEL unary tests (`> 10`, `"a","b"`, `[1..5]`, `not("x")`) against the
 * input value `input`. An empty entry or `-` matches anything.
 */
export function evaluateUnaryTest(
  test: string,
  input: JsonValue,
  variables: Variables,
  now: string,
): Evaluated {
  if (test === '' || test === '-') return { ok: true, value: true };
  try {
    const result = unaryTest(test, {
      ...variables,
      ...camundaFunctionsIn(test),
      '?': input,
      now: () => dateAndTime(now),
      today: () => date(now.slice(0, 10)),
    });
    const failure = result.warnings.find((w) => FAILURES.has(w.type));
    if (failure) return { ok: false, message: `'${test}': ${failure.message}` };
    return { ok: true, value: result.value === true };
  } catch (error) {
    return { ok: false, message: `'${test}': ${(error as Error).message}` };
  }
}
