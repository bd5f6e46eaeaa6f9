/**
 * Expressions as Camunda 8 writes them: a value starting with `=` is FEEL, anything else a
 * literal. FEEL syntax is checked once at compile time; evaluation never throws.
 */
import { dateAndTime, evaluate, parseExpression, type Warning } from 'feelin';
import type { JsonValue, Variables } from '../contract.js';
import { compileFast, type FastExpression } from './fast-path.js';
import { toJson } from './to-json.js';

export type Expr =
  | { feel: true; source: string; expression: string; fast?: FastExpression }
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

export function feel(expression: string): Expr {
  const fast = compileFast(expression);
  return { feel: true, source: `=${expression}`, expression, ...(fast ? { fast } : {}) };
}

/** `=…` becomes FEEL, anything else a literal. */
export function parseValue(raw: string): Expr {
  return raw.startsWith('=') ? feel(raw.slice(1)) : literal(raw);
}

/** The position of the first syntax error in a FEEL expression, or null when it parses. */
export function feelSyntaxError(expression: string): number | null {
  if (expression.trim() === '') return 0;
  let at: number | null = null;
  parseExpression(expression, {}, undefined).iterate({
    enter(node) {
      if (at !== null) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  return at;
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
      now: () => dateAndTime(now),
      today: () => dateAndTime(now.slice(0, 10) + 'T00:00:00Z'),
    });
    const failure = result.warnings.find((w) => FAILURES.has(w.type));
    if (failure) return { ok: false, message: `${expr.source}: ${failure.message}` };
    return { ok: true, value: toJson(result.value) };
  } catch (error) {
    return { ok: false, message: `${expr.source}: ${(error as Error).message}` };
  }
}
