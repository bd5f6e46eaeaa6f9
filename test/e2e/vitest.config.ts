import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that move the server clock months ahead; they run after every other file. */
const CLOCK_MOVERS = ['whole-month.test.ts'];

const movesClock = (spec: TestSpecification) =>
  CLOCK_MOVERS.some((name) => spec.moduleId.endsWith(name));

/** Vitest's usual order, except that the clock movers come last. */
class ClockMoversLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => !movesClock(f)), ...sorted.filter(movesClock)];
  }
}

// Browser scenarios share one running API (started by test/run-e2e.mjs): one file at a time.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    sequence: { sequencer: ClockMoversLast },
    testTimeout: 90_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
