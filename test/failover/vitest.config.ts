import { defineConfig } from 'vitest/config';

// One file: a PostgreSQL primary and standby of its own, two API processes (test/run-failover.mjs
// builds them first).
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 150_000,
    hookTimeout: 150_000,
    reporters: ['default'],
  },
});
