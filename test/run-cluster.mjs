// Multi-process and crash tests against the built API (test/cluster): each file starts its
// own `node apps/api/dist/main.js` processes. The PostgreSQL files run when DATABASE_URL is
// set (each on a fresh database of its own on that server); the PGlite crash test otherwise.
//   node test/run-cluster.mjs                       (pnpm run test:cluster)
//   CLUSTER_SKIP_BUILD=1 node test/run-cluster.mjs  (reuse the existing dist folders)
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
  if (!process.env.CLUSTER_SKIP_BUILD) {
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
    'test/cluster/vitest.config.ts',
  ]);
}

process.exitCode = await main().catch((error) => {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
