import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repositoryRoot } from './paths.js';

/** One `node apps/api/dist/main.js` with its own port; its log goes to test-artifacts/. */
export interface ApiProcess {
  readonly name: string;
  readonly baseUrl: string;
  readonly pid: number;
  /** SIGKILL, as a crash: no shutdown hooks run, open transactions are cut. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export interface ApiProcessOptions {
  name: string;
  env: Record<string, string>;
  port?: number;
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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the built API and resolves once `/api/health` answers 200. */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const root = repositoryRoot();
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'DATABASE_URL') env[key] = value;
  }
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'cluster-tests-only-secret',
    ORGLIFE_TEST_CLOCK: '1',
    DEMO_MONTH: 'false',
    WEB_DIST: join(root, 'test-artifacts', 'no-web'),
    ...options.env,
  });
  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  const log = createWriteStream(join(root, 'test-artifacts', `cluster-${options.name}.log`), {
    flags: 'a',
  });
  const child = spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: root, env });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`API ${options.name} exited with code ${child.exitCode} (see its log)`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`API ${options.name} did not answer /api/health within 120 s`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    name: options.name,
    baseUrl,
    pid: child.pid ?? -1,
    async crash() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(timer);
    },
  };
}
