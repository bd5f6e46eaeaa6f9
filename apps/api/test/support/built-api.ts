import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Tests of the API as an operator runs it: `node dist/main.js` and `node dist/cli/main.js`. */
export const API_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = join(API_ROOT, 'dist/main.js');
const CLI = join(API_ROOT, 'dist/cli/main.js');

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (the engine is built already). */
export function ensureBuilt(): void {
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestIn(join(API_ROOT, 'src'))) return;
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {
    cwd: API_ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}

/** The environment of a spawned process: ours without DATABASE_URL, plus `env`. */
function envWith(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'DATABASE_URL' && !key.startsWith('ORGLIFE_')) {
      base[key] = value;
    }
  }
  return { ...base, LOG_LEVEL: 'info', JOB_EXECUTOR: 'off', ...env };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `pnpm --silent orglife ARGS` as the README has it, with `stdin` piped in. */
export function runCli(args: string[], env: Record<string, string>, stdin = ''): Finished {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: API_ROOT,
    env: envWith(env),
    input: stdin,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the API until it exits by itself (a start that must fail) or `timeoutMs` passes. */
export function runApiToExit(env: Record<string, string>, timeoutMs = 30_000): Finished {
  const run = spawnSync(process.execPath, [MAIN], {
    cwd: API_ROOT,
    env: envWith({ PORT: '0', HOST: '127.0.0.1', ...env }),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

export interface RunningApi {
  baseUrl: string;
  /** Everything it logged so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the built API and resolves once /api/health answers. */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: API_ROOT,
    env: envWith({ PORT: String(port), HOST: '127.0.0.1', WEB_DIST: '/nonexistent', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  for (let waited = 0; waited < 90_000; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { baseUrl, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the API did not answer within 90 s:\n${output}`);
}
