import type { Clock } from '../clock/clock.js';

/**
 * Real time shifted forward by an offset that only grows: browser tests move a running server
 * into the future (timers fall due, the job executor fires them) while time still flows.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): Date {
    if (!Number.isInteger(ms) || ms < 0)
      throw new RangeError(`advance needs a whole, non-negative ms, got ${ms}`);
    this.offsetMs += ms;
    return this.now();
  }
}
