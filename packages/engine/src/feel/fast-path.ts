/**
 * A fast path for the simplest FEEL expressions (`approved`, `amount > 1000`, `kind = "a"`),
 * which make up most gateway conditions. It answers only when both sides have the same
 * primitive type, where the result is certain; anything else (`undefined`) goes to feelin.
 */
import type { JsonValue, Variables } from '../contract.js';

export type FastExpression = (variables: Variables) => JsonValue | undefined;

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const PATH = `${NAME}(?:\\.${NAME})*`;
const LITERAL = '-?\\d+(?:\\.\\d+)?|"[^"\\\\]*"|true|false|null';
const OPERAND = `(${PATH}|${LITERAL})`;
const FORM = new RegExp(`^\\s*${OPERAND}\\s*(?:(<=|>=|!=|=|<|>)\\s*${OPERAND}\\s*)?$`);
const KEYWORDS = new Set([
  'not',
  'and',
  'or',
  'if',
  'then',
  'else',
  'for',
  'in',
  'some',
  'every',
  'between',
  'instance',
  'of',
  'function',
  'return',
  'satisfies',
]);

type Operand = (variables: Variables) => JsonValue | undefined;

function operand(text: string): Operand | null {
  if (text === 'true' || text === 'false' || text === 'null') {
    const value = text === 'null' ? null : text === 'true';
    return () => value;
  }
  if (text.startsWith('"')) {
    const value = text.slice(1, -1);
    return () => value;
  }
  if (/^-?\d/.test(text)) {
    const value = Number(text);
    return () => value;
  }
  const path = text.split('.');
  if (path.some((p) => KEYWORDS.has(p))) return null;
  return (variables) => {
    let value: JsonValue | undefined = variables[path[0] as string];
    for (let i = 1; i < path.length && value !== undefined; i++) {
      value =
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? value[path[i] as string]
          : undefined;
    }
    return value;
  };
}

function compare(
  op: string,
  a: JsonValue | undefined,
  b: JsonValue | undefined,
): JsonValue | undefined {
  const type = typeof a;
  if (a === undefined || b === undefined || a === null || b === null || type !== typeof b)
    return undefined;
  if (type !== 'number' && type !== 'string' && type !== 'boolean') return undefined;
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    default:
      if (type === 'boolean') return undefined;
  }
  const x = a as number | string;
  const y = b as number | string;
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

/** Text, number, name path or punctuation of a list of joined texts; null for anything else. */
const TOKEN = new RegExp(`\\s*(?:("[^"\\\\]*")|(${PATH})|([-+\\[\\],]))`, 'y');

function tokens(expression: string): string[] | null {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(expression);
    if (!m) return expression.slice(at).trim() === '' ? out : null;
    out.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  return out;
}

/**
 * Texts joined with `+` (`"branch_secretary@" + branchId`), or a list of them: how models name
 * candidate groups. Answers only when every part is a text; a number, null or a missing
 * variable goes to feelin, whose rules for those differ.
 */
function compileTexts(expression: string): FastExpression | undefined {
  const list = tokens(expression);
  if (!list || list.length === 0) return undefined;
  const bracketed = list[0] === '[' && list.at(-1) === ']';
  const body = bracketed ? list.slice(1, -1) : list;
  const items: Operand[][] = [[]];
  for (let i = 0; i < body.length; i++) {
    const token = body[i] as string;
    const expectsOperand = i % 2 === 0;
    if (expectsOperand) {
      if (/^[-+[\],]$/.test(token)) return undefined;
      const part = operand(token);
      if (!part) return undefined;
      (items.at(-1) as Operand[]).push(part);
    } else if (token === ',' && bracketed) items.push([]);
    else if (token !== '+') return undefined;
  }
  if (body.length % 2 === 0) return undefined;
  if (!bracketed && (items[0] as Operand[]).length < 2) return undefined;
  const joined = (parts: Operand[], variables: Variables): string | undefined => {
    let text = '';
    for (const part of parts) {
      const value = part(variables);
      if (typeof value !== 'string') return undefined;
      text += value;
    }
    return text;
  };
  return (variables) => {
    const values: string[] = [];
    for (const parts of items) {
      const value = joined(parts, variables);
      if (value === undefined) return undefined;
      values.push(value);
    }
    return bracketed ? values : values[0];
  };
}

/**
 * A name on its own (`drafter`): its value, and null when the variable is not set, as feelin
 * says (an assignee named by a variable the flow sets later is evaluated at every task it
 * creates). Not for a name of one of FEEL's built-in functions, which feelin answers with it.
 */
function lonePath(text: string, value: Operand, isBuiltin: (name: string) => boolean) {
  const root = text.split('.')[0] as string;
  const literal = root === 'true' || root === 'false' || root === 'null';
  if (literal || !new RegExp(`^${PATH}$`).test(text) || isBuiltin(root)) return value;
  return (variables: Variables) => (root in variables ? value(variables) : null);
}

export function compileFast(
  expression: string,
  isBuiltin: (name: string) => boolean,
): FastExpression | undefined {
  const m = FORM.exec(expression);
  if (!m?.[1]) return compileTexts(expression);
  const left = operand(m[1]);
  if (!left) return undefined;
  const op = m[2];
  if (!op) return lonePath(m[1], left, isBuiltin);
  const right = m[3] ? operand(m[3]) : null;
  if (!right) return undefined;
  return (variables) => compare(op, left(variables), right(variables));
}
