import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { compileFast as compileWith } from '../../src/feel/fast-path.js';

const isBuiltin = (name: string) => typeof evaluate(name, {}).value === 'function';
const compileFast = (expression: string) => compileWith(expression, isBuiltin);

const cases: [string, Record<string, unknown>][] = [
  ['approved', { approved: true }],
  ['amount > 1000', { amount: 1500 }],
  ['amount <= 1000', { amount: 1000 }],
  ['kind = "leave"', { kind: 'leave' }],
  ['kind != "leave"', { kind: 'trip' }],
  ['a.b >= 2', { a: { b: 2 } }],
  ['ok = false', { ok: false }],
  ['x < y', { x: 'a', y: 'b' }],
  ['-1.5 < n', { n: 0 }],
  ['"branch_secretary@" + branchId', { branchId: 'b-1' }],
  ['["od_admin@" + universityId]', { universityId: 'u-1' }],
  ['[a, "x" + b + "y"]', { a: 'first', b: 'middle' }],
  ['drafter', {}],
  ['drafter', { drafter: 'p-1' }],
  ['a.b', {}],
  ['true', {}],
  ['null', {}],
];

describe('FEEL fast path', () => {
  it.each(cases)('%s gives what feelin gives', (expression, variables) => {
    const fast = compileFast(expression);
    expect(fast).toBeDefined();
    expect(fast?.(variables as never)).toEqual(evaluate(expression, variables).value);
  });

  it('leaves mixed types, missing variables and anything richer to feelin', () => {
    expect(compileFast('amount > 5')?.({ amount: 'x' })).toBeUndefined();
    expect(compileFast('amount > 5')?.({})).toBeUndefined();
    expect(compileFast('a + b')?.({ a: 1, b: 2 })).toBeUndefined();
    expect(compileFast('"x" + b')?.({ b: null })).toBeUndefined();
    expect(compileFast('["x" + b]')?.({})).toBeUndefined();
    expect(compileFast('a + - b')).toBeUndefined();
    expect(compileFast('[a,]')).toBeUndefined();
    expect(compileFast('a + "b" c')).toBeUndefined();
    expect(compileFast('not(x)')).toBeUndefined();
    expect(compileFast('x in [1,2]')).toBeUndefined();
    // a built-in function's name alone is the function: feelin's to answer
    expect(compileFast('count')?.({})).toBeUndefined();
  });
});
