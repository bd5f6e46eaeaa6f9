/**
 * Camunda's extensions to the FEEL built-ins (docs.camunda.io, "FEEL built-in functions",
 * marked "Camunda Extension") that feelin does not have, or has with fewer arguments. They
 * go into the evaluation context of the expressions that name them; like any FEEL function
 * they answer null for arguments of the wrong type, except `assert`, which fails on purpose.
 */
import { toJson } from './to-json.js';

type FeelFn = (...args: unknown[]) => unknown;

const isText = (v: unknown): v is string => typeof v === 'string';
const isList = (v: unknown): v is unknown[] => Array.isArray(v);
const isContext = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !('toJSON' in v);
const sameKey = (v: unknown): string => JSON.stringify(toJson(v));

function keysOf(key: unknown): string[] | null {
  if (isText(key)) return [key];
  return isList(key) && key.every(isText) ? key : null;
}

function put(context: unknown, key: unknown, value: unknown): unknown {
  const keys = keysOf(key);
  if (!isContext(context) || !keys || keys.length === 0) return null;
  const [first, ...rest] = keys as [string, ...string[]];
  return {
    ...context,
    [first]:
      rest.length === 0 ? value : put(isContext(context[first]) ? context[first] : {}, rest, value),
  };
}

function merge(contexts: unknown): unknown {
  if (!isList(contexts) || !contexts.every(isContext)) return null;
  return Object.assign({}, ...contexts) as unknown;
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The day part of an ISO date or date-time, as FEEL's date values print themselves. */
function yearMonth(value: unknown): [number, number] | null {
  const iso = value && typeof value === 'object' && 'toJSON' in value ? toJson(value) : null;
  const match = isText(iso) ? /^(-?\d{4,})-(\d{2})-\d{2}/.exec(iso) : null;
  return match ? [Number(match[1]), Number(match[2])] : null;
}

export const CAMUNDA_FUNCTIONS: Record<string, FeelFn> = {
  'is defined': (value) => value !== null && value !== undefined,
  'get or else': (value, fallback) => value ?? fallback ?? null,
  assert: (value, condition, cause) => {
    if (condition === true) return value;
    throw new Error(isText(cause) ? cause : 'the assertion failed');
  },
  'random number': () => Math.random(),
  uuid: () => globalThis.crypto.randomUUID(),
  'to base64': (value) => (isText(value) ? base64(value) : null),
  'is blank': (value) => (isText(value) ? value.trim() === '' : null),
  trim: (value) => (isText(value) ? value.trim() : null),
  extract: (value, pattern) => {
    if (!isText(value) || !isText(pattern)) return null;
    return [...value.matchAll(new RegExp(pattern, 'gu'))].map((m) => m[0]);
  },
  'string join': (list, delimiter, prefix, suffix) => {
    if (!isList(list) || !list.every((v) => v === null || isText(v))) return null;
    const text = list.filter(isText).join(isText(delimiter) ? delimiter : '');
    return `${isText(prefix) ? prefix : ''}${text}${isText(suffix) ? suffix : ''}`;
  },
  'is empty': (list) => (isList(list) ? list.length === 0 : null),
  'duplicate values': (list) => {
    if (!isList(list)) return null;
    const seen = new Map<string, number>();
    for (const item of list) seen.set(sameKey(item), (seen.get(sameKey(item)) ?? 0) + 1);
    const out: unknown[] = [];
    for (const item of list) {
      const key = sameKey(item);
      if ((seen.get(key) ?? 0) > 1 && !out.some((o) => sameKey(o) === key)) out.push(item);
    }
    return out;
  },
  partition: (list, size) => {
    if (!isList(list) || typeof size !== 'number' || !Number.isInteger(size) || size < 1)
      return null;
    const out: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  },
  'get value': (context, key) => {
    const keys = keysOf(key);
    if (!keys) return null;
    let value: unknown = context;
    for (const k of keys) value = isContext(value) ? (value[k] ?? null) : null;
    return value;
  },
  'context put': put,
  put,
  'context merge': merge,
  'put all': (...contexts) => merge(contexts),
  'from json': (text) => {
    if (!isText(text)) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  },
  'to json': (value) => JSON.stringify(toJson(value)),
  'last day of month': (value) => {
    const ym = yearMonth(value);
    return ym ? new Date(Date.UTC(ym[0], ym[1], 0)).getUTCDate() : null;
  },
};

const NAMES = Object.keys(CAMUNDA_FUNCTIONS);

/** The extension functions an expression names (a cheap text check: extra ones do no harm). */
export function camundaFunctionsIn(expression: string): Record<string, FeelFn> | undefined {
  const used = NAMES.filter((name) => expression.includes(name));
  if (used.length === 0) return undefined;
  return Object.fromEntries(used.map((name) => [name, CAMUNDA_FUNCTIONS[name] as FeelFn]));
}

/** Names the parser must know to read the extension functions (`get or else` holds `or`). */
export const CAMUNDA_FUNCTION_NAMES: Record<string, null> = Object.fromEntries(
  NAMES.map((name) => [name, null]),
);
