import type { Variables } from '@orglife/engine';
import { InvalidInput } from '../../common/errors.js';
import type { FieldError } from '../../common/problem.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_BYTES = 256 * 1024;
const MAX_KEYS = 200;
const MAX_DEPTH = 16;

/**
 * Process variables a client sends: a JSON object with identifier-like names, bounded in
 * size and depth, so one request cannot bloat an instance's state. 400 naming the field.
 */
export function validateVariables(value: unknown, field = 'variables'): Variables {
  const errors: FieldError[] = [];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ field, message: `${field} must be a JSON object (变量必须是对象)` });
  } else {
    const keys = Object.keys(value);
    if (keys.length > MAX_KEYS) {
      errors.push({ field, message: `${field} has ${keys.length} names; at most ${MAX_KEYS}` });
    }
    for (const key of keys.filter((k) => !NAME.test(k))) {
      errors.push({
        field: `${field}.${key}`,
        message: `"${key}" is not a valid variable name (letters, digits, _; not starting with a digit)`,
      });
    }
    const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (bytes > MAX_BYTES) {
      errors.push({ field, message: `${field} is ${bytes} bytes; at most ${MAX_BYTES}` });
    }
    if (depthOf(value) > MAX_DEPTH) {
      errors.push({ field, message: `${field} nests deeper than ${MAX_DEPTH} levels` });
    }
  }
  if (errors.length > 0) {
    throw new InvalidInput(errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      type: 'urn:orglife:problem:validation',
      errors,
    });
  }
  return value as Variables;
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}
