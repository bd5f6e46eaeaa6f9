import type { JsonValue } from '../contract.js';

/** FEEL values to plain JSON: temporal values become their ISO strings, functions null. */
export function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object') return null;
  if (Array.isArray(value)) return value.map(toJson);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return toJson(withJson.toJSON());
  if (Object.getPrototypeOf(value) !== Object.prototype) return null;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
  return out;
}
