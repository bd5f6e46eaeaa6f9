import { describe, expect, it } from 'vitest';
import { quarterOf } from '../src/evaluations/evaluation.jobs.js';
import { monthOf } from '../src/plans/month.js';

describe('monthly-cycle calendar (China time, UTC+8)', () => {
  it('puts a moment in the month it falls in Beijing', () => {
    expect(monthOf(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03');
    expect(monthOf(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04');
    expect(monthOf(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01');
  });

  it('puts a moment in the quarter it falls in Beijing', () => {
    expect(quarterOf(new Date('2026-03-20T00:00:00Z'))).toBe('2026Q1');
    expect(quarterOf(new Date('2026-03-31T16:00:00Z'))).toBe('2026Q2');
    expect(quarterOf(new Date('2026-12-20T00:00:00Z'))).toBe('2026Q4');
    expect(quarterOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027Q1');
  });
});
