import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  fromLocalDateTime,
  TIME_ZONE,
  toLocalDateTime,
} from '@/utils/format';

describe('times on the university’s clock (Asia/Shanghai by default)', () => {
  it('uses Asia/Shanghai when the build names no zone', () => {
    expect(TIME_ZONE).toBe('Asia/Shanghai');
  });

  it('shows a session at 14:30 Beijing time as 14:30, whatever the browser’s zone', () => {
    expect(formatDateTime('2026-11-27T06:30:00.000Z')).toBe('2026-11-27 14:30');
    expect(formatDate('2026-11-27T17:00:00.000Z')).toBe('2026-11-28');
    expect(formatDateTime(null)).toBe('—');
  });

  it('reads a typed time on the same clock and round-trips it', () => {
    expect(fromLocalDateTime('2026-11-27 14:30:00')).toBe('2026-11-27T06:30:00.000Z');
    expect(toLocalDateTime('2026-11-27T06:30:00.000Z')).toBe('2026-11-27 14:30:00');
    expect(toLocalDateTime(fromLocalDateTime('2027-01-01 00:05:00'))).toBe('2027-01-01 00:05:00');
  });
});
