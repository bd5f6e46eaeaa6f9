import { afterAll, beforeAll, vi } from 'vitest';

// The test files of a worker share one process (isolate: false spares each file importing
// the whole app again): each file leaves the environment and globals as it found them.
let environment: NodeJS.ProcessEnv = {};

beforeAll(() => {
  environment = { ...process.env };
});

afterAll(() => {
  vi.restoreAllMocks();
  for (const name of Object.keys(process.env)) {
    if (!(name in environment)) delete process.env[name];
  }
  Object.assign(process.env, environment);
});
