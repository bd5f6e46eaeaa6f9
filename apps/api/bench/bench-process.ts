import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, get } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface BenchApi {
  baseUrl: string;
  pid: number | null;
  /** From the spawn to the first /api/health 200, in ms (to within `pollMs`). */
  startMs: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * The built API (`node dist/main.js`) on a free port, ready once /api/health answers; asked
 * every `pollMs`.
 */
export async function startBenchApi(env: Record<string, string>, pollMs = 300): Promise<BenchApi> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the API under load
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // e.g. BENCH_API_MAIN=dist-before/main.js to measure an earlier build (a copy of dist beside it)
  const main = process.env.BENCH_API_MAIN ?? 'dist/main.js';
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: API_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      SEED: 'true',
      JWT_SECRET: 'benchmark-only-secret',
      ACCESS_TOKEN_TTL: '3600',
      WEB_DIST: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const spawned = performance.now();
  // A benchmark that dies (say, its database dropped by another run) must not leave its API
  // running, to poll and skew every later run on this machine.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the API did not answer /api/health in 180 s');
    const up = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return {
    baseUrl,
    pid: child.pid ?? null,
    startMs: performance.now() - spawned,
    async stop() {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

export async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function call<T>(
  baseUrl: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One keep-alive connection, reused for every timed request. */
const timedAgent = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * GET through node:http on one kept-alive connection, for latency samples: on these machines
 * `fetch` (undici) adds ~0.2 ms at the median and several ms at p99 to every request (to a bare
 * node:http server: p99 3.1 ms through fetch, 0.4 ms through this), which would be measured
 * as the API's.
 */
export function timedGet<T>(baseUrl: string, token: string, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    get(
      `${baseUrl}/api${path}`,
      { agent: timedAgent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200)
            reject(new Error(`GET ${path}: HTTP ${res.statusCode} ${body}`));
          else resolve(JSON.parse(body) as T);
        });
      },
    ).on('error', reject);
  });
}
