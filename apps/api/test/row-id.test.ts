import { describe, expect, it } from 'vitest';
import { newRowId } from '../src/database/row-id.js';
import { isUuid } from '../src/workflow/instances/org-unit-of.js';

describe('new row ids', () => {
  it('are UUIDs that sort in the order they were made, so new rows sit together in an index', () => {
    const ids = Array.from({ length: 1000 }, () => newRowId());
    expect(ids.every(isUuid)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('begin with the time they were made', () => {
    const before = Date.now();
    const id = newRowId();
    const after = Date.now();
    const millis = parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(after);
  });
});
