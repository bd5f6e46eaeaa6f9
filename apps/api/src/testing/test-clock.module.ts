import { type DynamicModule, Module } from '@nestjs/common';
import { OffsetClock } from './offset.clock.js';
import { TestClockController } from './test-clock.controller.js';

/** Env switch for the test clock; off unless the process is started for browser tests. */
export const TEST_CLOCK_ENV = 'ORGLIFE_TEST_CLOCK';

export function testClockEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[TEST_CLOCK_ENV] === '1';
}

/**
 * Wraps the app module with `POST /api/test/clock {advanceMs}` (and `GET`), which moves the
 * given clock — the one the app was built with. main.ts mounts it only when ORGLIFE_TEST_CLOCK=1.
 */
@Module({})
export class TestClockModule {
  static around(app: DynamicModule, clock: OffsetClock): DynamicModule {
    return {
      module: TestClockModule,
      imports: [app],
      controllers: [TestClockController],
      providers: [{ provide: OffsetClock, useValue: clock }],
    };
  }
}
