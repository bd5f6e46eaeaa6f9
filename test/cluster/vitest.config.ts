import { defineConfig } from 'vitest/config';

// Each file starts its own API processes (test/run-cluster.mjs builds them first): one file
// at a time, the machine has two cores.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
