import { Injectable } from '@nestjs/common';

/** Injection token for the one clock every service reads time from. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): Date;
}

@Injectable()
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests set and advance, so timers and deadlines fire deterministically. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date('2026-03-02T01:00:00.000Z')) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    this.current = to.getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}
