#!/usr/bin/env node
// `pnpm --silent orglife …`: runs the built CLI (apps/api/dist/cli/main.js), building the
// engine and the API first when the build is missing or older than their sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(apiRoot, 'dist/cli/main.js');
const sources = [join(apiRoot, 'src'), join(apiRoot, '../../packages/engine/src')];

function newestSourceTime() {
  let newest = 0;
  for (const folder of sources) {
    for (const file of readdirSync(folder, { recursive: true })) {
      newest = Math.max(newest, statSync(join(folder, file)).mtimeMs);
    }
  }
  return newest;
}

if (!existsSync(entry) || statSync(entry).mtimeMs < newestSourceTime()) {
  const build = spawnSync(
    'pnpm',
    ['--silent', '--filter', '@orglife/engine', '--filter', '@orglife/api', 'run', 'build'],
    { cwd: apiRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The same data folder as `pnpm start` (run in apps/api) when DATA_DIR is unset.
const env = { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(apiRoot, 'data') };
const result = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
