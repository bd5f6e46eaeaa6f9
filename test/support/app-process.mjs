// Starting and stopping the built API (`node apps/api/dist/main.js`) as a process of its own,
// for the browser tests (test/run-e2e.mjs) and the web benchmark (test/bench-web.mjs).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a command in the repository with inherited output; resolves its exit code. */
export function run(command, args, env = process.env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** Waits until GET /api/health answers 200, failing early when the process exits. */
export async function waitForHealth(baseUrl, server, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`the API exited with code ${server.exitCode} (see test-artifacts/api.log)`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`GET ${baseUrl}/api/health did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Stops the API: SIGTERM, then SIGKILL after 10 s. One that already ended (or was killed) is left. */
export function stop(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    server.kill('SIGTERM');
  });
}

/** Starts the built API with `env` (PORT and the rest); its output goes to `log`. */
export function startApi(env, log) {
  const server = spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: root, env });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  return server;
}

/** Whether a start was given up on: its handles may still be open, so the runner must exit itself. */
export let startAbandoned = false;

/**
 * Runs `start()`, giving up on it after `timeoutMs` and trying once more. A start of the test's
 * own servers that never settles (seen once in CI, with no process using CPU) would otherwise hold
 * the run until CI's time limit.
 */
export async function startedWithin(what, timeoutMs, start) {
  for (let attempt = 1; ; attempt++) {
    let timer;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([start(), timedOut]);
    } catch (error) {
      const gaveUp = error instanceof Error && error.message.includes('did not start within');
      if (!gaveUp || attempt === 2) throw error;
      startAbandoned = true;
      console.warn(`e2e: ${error.message}; trying once more`);
    } finally {
      clearTimeout(timer);
    }
  }
}
