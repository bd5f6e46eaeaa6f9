import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  fromLocalDateTime,
  timeZone,
  configuredTimeZone,
  universityClock,
  toLocalDateTime,
} from '@/utils/format';

describe('times on the university’s clock (Asia/Shanghai by default)', () => {
  it('uses Asia/Shanghai when the build names no zone', () => {
    expect(timeZone()).toBe('Asia/Shanghai');
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

describe('times on another university’s clock', () => {
  it('takes the zone the server names in index.html', () => {
    const doc = new DOMParser().parseFromString(
      '<head><meta name="orglife-time-zone" content="America/New_York"></head>',
      'text/html',
    );
    expect(configuredTimeZone(doc)).toBe('America/New_York');
    expect(configuredTimeZone(undefined)).toBe('Asia/Shanghai');
  });

  it('shows and reads times in that zone, on both sides of a daylight saving change', () => {
    const clock = universityClock('America/New_York');
    // 06:30Z is 01:30 in New York in winter (UTC−5) and 02:30 in summer (UTC−4)
    expect(clock.formatDateTime('2026-03-07T06:30:00.000Z')).toBe('2026-03-07 01:30');
    expect(clock.formatDateTime('2026-03-09T06:30:00.000Z')).toBe('2026-03-09 02:30');
    expect(clock.formatDate('2026-11-27T03:00:00.000Z')).toBe('2026-11-26');
    expect(clock.fromLocalDateTime('2026-07-01 14:30:00')).toBe('2026-07-01T18:30:00.000Z');
    expect(clock.fromLocalDateTime('2026-01-15 14:30:00')).toBe('2026-01-15T19:30:00.000Z');
  });
});
