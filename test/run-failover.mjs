// The PostgreSQL failover test (test/failover): it makes a primary and a synchronous hot
// standby from the machine's PostgreSQL 15 binaries on ports 55432/55433 (FAILOVER_PORT moves
// them), runs two built API processes on them, kills the primary and promotes the standby.
//   node test/run-failover.mjs                        (pnpm run test:failover)
//   FAILOVER_SKIP_BUILD=1 node test/run-failover.mjs  (reuse the existing dist folders)
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (!process.env.FAILOVER_SKIP_BUILD) {
    const code = await run('pnpm', [
      '--filter',
      '@orglife/engine',
      '--filter',
      '@orglife/api',
      'run',
      'build',
    ]);
    if (code !== 0) return code;
  }
  return run(process.execPath, [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--config',
    'test/failover/vitest.config.ts',
  ]);
}

process.exitCode = await main().catch((error) => {
  console.error(`failover: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
