// `pnpm test`: every stage of the project's checks, in order, stopping at the first failure,
// and a table of how long each took at the end.
//   pnpm test                      (all stages, on PGlite, or on DATABASE_URL's PostgreSQL)
//   pnpm test --database-stages    (only what depends on the database: the api's tests, the
//                                   browser tests and the cluster tests; .ci/run's second pass)
import { spawnSync } from 'node:child_process';
import { root } from './support/app-process.mjs';

const databaseStagesOnly = process.argv.includes('--database-stages');

const STAGES = [
  { name: 'browser and fonts ready', command: 'node test/ensure-browser.mjs', database: true },
  { name: 'lint', command: 'pnpm run lint', database: false },
  { name: 'import cycles', command: 'pnpm run cycles', database: false },
  { name: 'engine build', command: 'pnpm --filter @orglife/engine run build', database: true },
  { name: 'type checks', command: 'pnpm -r run typecheck', database: false },
  { name: 'engine tests', command: 'pnpm --filter @orglife/engine run test', database: false },
  { name: 'api tests', command: 'pnpm --filter @orglife/api run test', database: true },
  { name: 'web unit tests', command: 'pnpm --filter @orglife/web run test', database: false },
  { name: 'browser tests', command: 'pnpm run test:e2e', database: true },
  {
    name: 'cluster tests',
    command: 'pnpm run test:cluster',
    database: true,
    env: { CLUSTER_SKIP_BUILD: '1' },
  },
];

const timings = [];

function printTimings() {
  const rows = timings.map(({ name, seconds, status }) => {
    const outcome = status === 0 ? 'passed' : 'FAILED';
    return `  ${name.padEnd(24)} ${seconds.toFixed(0).padStart(5)} s  ${outcome}`;
  });
  console.log(`\n== pnpm test: stages ==\n${rows.join('\n')}`);
}

for (const stage of STAGES) {
  if (databaseStagesOnly && !stage.database) continue;
  console.log(`\n== ${stage.name}: ${stage.command} ==`);
  const started = Date.now();
  const { status } = spawnSync(stage.command, {
    cwd: root,
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, ...stage.env },
  });
  timings.push({ name: stage.name, seconds: (Date.now() - started) / 1000, status });
  if (status !== 0) {
    printTimings();
    process.exit(status ?? 1);
  }
}
printTimings();
