// pnpm bench:api — the API on PostgreSQL through HTTP: inbox latency over 1,000,000 tasks and
// 100,000 people, task completions per second next to raw PostgreSQL, timers fired per second
// from a 100,000 backlog with 1 and 3 processes. Uses its own database (orglife_bench) on
// DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres) and the built
// API (apps/api/dist; BENCH_SKIP_BUILD=1 to reuse it). BENCH_PHASES, BENCH_COMPLETIONS and
// BENCH_TIMERS narrow a run (defaults: all phases, 9,000 completions, 100,000 timers).
// BENCH_DB=pglite runs it on embedded PGlite instead: inbox latency over 100,000 tasks,
// completions next to raw PGlite transactions, and the API's cold start on that folder.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import autocannon, { type Options as LoadOptions, type Result as LoadResult } from 'autocannon';
import type pg from 'pg';
import {
  cloneTimerBacklog,
  EMBEDDED_INBOX,
  FULL_INBOX,
  loadInboxData,
  tasksOf,
  type BenchDb,
  type InboxScale,
} from './bench-data.loader.js';
import { call, login, startBenchApi, timedGet, type BenchApi } from './bench-process.js';
import { ms, perSecond, quantile } from './bench-stats.js';
import {
  embeddedTarget,
  postgresTarget,
  type BenchTarget,
  type Measured,
  type PostgresTarget,
} from './bench-target.js';
import { cpuDuring, type CpuSplit } from './cpu-usage.js';

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'orglife_bench';
/** The performance issue's targets, printed beside each figure. */
const TARGETS = {
  inboxP99Ms: 5,
  ratio: 0.6,
  embeddedRatio: 0.5,
  timersPerSecond: 4_000,
  /** The backlog's last 30% at least this share of the median slice's rate. */
  steadyShare: 0.75,
  coldStartSeconds: 3,
};
const CONCURRENCY = 8;
const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 9_000);
/** Completion rounds, each followed by RAW_SECONDS of raw transactions. */
const ROUNDS = 3;
/**
 * Completions and raw transactions run before the measured rounds and are not counted: the
 * first few thousand completions after the set-up's burst of starts cost up to half as much
 * CPU again (V8 still optimising the path, autovacuum catching up on the new rows).
 */
const WARM_UP_COMPLETIONS = 2_000;
const WARM_UP_RAW_SECONDS = 2;
const RAW_SECONDS = 4;
const BACKLOG = Number(process.env.BENCH_TIMERS ?? 100_000);
/** Comma-separated subset of inbox,completions,timers (default all three). */
const PHASES = new Set((process.env.BENCH_PHASES ?? 'inbox,completions,timers').split(','));
const INBOX_ROUNDS = 20;
const EMBEDDED = process.env.BENCH_DB === 'pglite';
/** Cold starts of the built API on the embedded folder, after the inbox and completion phases. */
const COLD_STARTS = 3;

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}.bpmn`, import.meta.url), 'utf8');
const log = (line: string) => console.log(line);

async function definitionId(db: BenchDb, processId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM wf_definition WHERE process_id = $1 ORDER BY version DESC LIMIT 1`,
    [processId],
  );
  if (!rows[0]) throw new Error(`${processId} is not deployed`);
  return rows[0].id;
}

/** First-page latency of the mine and claimable tabs, one request in flight. */
async function inboxLatency(api: BenchApi, usernames: string[]): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = { mine: [], claimable: [] };
  const tokens = await Promise.all(usernames.map((u) => login(api.baseUrl, u)));
  for (let round = -2; round < INBOX_ROUNDS; round++) {
    for (const token of tokens) {
      for (const tab of ['mine', 'claimable'] as const) {
        const started = performance.now();
        const page = await timedGet<{ items: unknown[] }>(
          api.baseUrl,
          token,
          `/tasks?tab=${tab}&page=1&pageSize=20`,
        );
        const elapsed = performance.now() - started;
        if (round >= 0) samples[tab]!.push(elapsed);
        if (round === 0 && tab === 'claimable' && page.items.length === 0 && usernames.length < 20)
          throw new Error('a big-group user sees no claimable task: the data set is wrong');
      }
    }
  }
  return samples;
}

/** Prints the samples' quantiles; returns their p99. */
function printLatency(kind: string, samples: Record<string, number[]>): number {
  const all = [...samples.mine!, ...samples.claimable!];
  log(
    `  ${kind}: p50 ${ms(quantile(all, 0.5))}, p99 ${ms(quantile(all, 0.99))} (${all.length} requests; ` +
      `mine p99 ${ms(quantile(samples.mine!, 0.99))}, claimable p99 ${ms(quantile(samples.claimable!, 0.99))})`,
  );
  return quantile(all, 0.99);
}

const rateOf = (m: Measured) => m.done / m.seconds;

function sum(parts: Measured[]): Measured {
  return parts.reduce(
    (a, b) => ({
      done: a.done + b.done,
      seconds: a.seconds + b.seconds,
      cpu: {
        api: a.cpu.api + b.cpu.api,
        postgres: a.cpu.postgres + b.cpu.postgres,
        client: a.cpu.client + b.cpu.client,
      },
    }),
    { done: 0, seconds: 0, cpu: { api: 0, postgres: 0, client: 0 } },
  );
}

/** `count` instances of bench_approve started through HTTP; their open tasks' ids. */
async function startApprovals(
  target: BenchTarget,
  rootUnitId: string,
  count: number,
): Promise<{ headers: Record<string, string>; taskIds: string[] }> {
  const api = target.api;
  const token = await login(api.baseUrl, 'od_admin');
  const me = await call<{ id: string }>(api.baseUrl, token, 'GET', '/me');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const starts = await timedRun({
    url: `${api.baseUrl}/api/instances`,
    connections: CONCURRENCY,
    amount: count,
    requests: [
      {
        method: 'POST',
        headers,
        body: JSON.stringify({
          processId: 'bench_approve',
          orgUnitId: rootUnitId,
          variables: { initiator: me.id },
        }),
      },
    ],
  });
  if (starts.result.non2xx > 0 || starts.result.errors > 0)
    throw new Error(
      `instance starts failed: ${starts.result.non2xx} non-2xx, ${starts.result.errors} errors`,
    );
  log(`  (set-up: ${count} instance starts through HTTP at ${perSecond(starts.rate)})`);
  const { rows } = await target.withDb((db) =>
    db.query<{ id: string }>(
      `SELECT id FROM wf_task WHERE process_id = 'bench_approve' AND status = 'open' AND assignee = $1 ORDER BY created_at`,
      [me.id],
    ),
  );
  return { headers, taskIds: rows.map((r) => r.id) };
}

/** Completes the given tasks through HTTP, CONCURRENCY at a time. */
async function completeTasks(
  target: BenchTarget,
  headers: Record<string, string>,
  taskIds: string[],
): Promise<Measured & { p99: number }> {
  const api = target.api;
  let next = 0;
  const { result: run, cpu } = await cpuDuring(
    api.pid,
    () =>
      timedRun({
        url: api.baseUrl,
        connections: CONCURRENCY,
        amount: taskIds.length,
        requests: [
          {
            method: 'POST',
            headers,
            body: JSON.stringify({ variables: {} }),
            setupRequest: (request) => ({
              ...request,
              path: `/api/tasks/${taskIds[next++]}/complete`,
            }),
          },
        ],
      }),
    target.serverProcesses,
  );
  const { result } = run;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`completions failed: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  const done = result.requests.total;
  return { done, seconds: done / run.rate, cpu, p99: result.latency.p99 };
}

/**
 * An autocannon run of a fixed number of requests, with its rate taken from the start to the
 * last answer. autocannon's own `duration` runs on to its next whole-second tick after the last
 * answer, which understates a run of a few seconds by up to a fifth.
 */
async function timedRun(options: LoadOptions): Promise<{ result: LoadResult; rate: number }> {
  let lastAnswer = 0;
  const started = performance.now();
  // autocannon gives up on a request after 10 s; on a loaded machine the embedded database's
  // one session can keep 8 requests waiting longer than that.
  const run = autocannon({ timeout: EMBEDDED ? 120 : 10, ...options });
  // The run's event rather than a request's onResponse, for which autocannon turns every
  // response's headers into an object.
  run.on('response', () => {
    lastAnswer = performance.now();
  });
  const result = await run;
  return { result, rate: result.requests.total / ((lastAnswer - started) / 1000) };
}

/** CPU per unit of work, by process, in µs. */
const cpuPer = (seconds: number, done: number) => `${Math.round((seconds / done) * 1e6)} µs`;

function cpuLine(cpu: CpuSplit, done: number, withApi: boolean): string {
  const us = (seconds: number) => cpuPer(seconds, done);
  const total = (cpu.api + cpu.postgres + cpu.client) / done;
  // On the embedded database PGlite runs inside the API, and the raw transactions' PGlite
  // inside the load generator.
  const parts = EMBEDDED
    ? [
        ...(withApi ? [`API with its PGlite ${us(cpu.api)}`] : []),
        `${withApi ? 'load generator' : 'PGlite in the load generator'} ${us(cpu.client)}`,
      ]
    : [
        ...(withApi ? [`API ${us(cpu.api)}`] : []),
        `PostgreSQL ${us(cpu.postgres)}`,
        `load generator ${us(cpu.client)}`,
      ];
  return `${parts.join(', ')}; total ${Math.round(total * 1e6)} µs → at most ${perSecond(cpus().length / total)} on ${cpus().length} cores`;
}

async function timerRate(
  url: string,
  db: pg.Client,
  templateId: string,
  processes: number,
): Promise<void> {
  await db.query(`DELETE FROM wf_job WHERE process_id = 'bench_timer' AND instance_id <> $1`, [
    templateId,
  ]);
  await cloneTimerBacklog(db, templateId, BACKLOG);
  const apis = await Promise.all(
    Array.from({ length: processes }, () =>
      startBenchApi({ DATABASE_URL: url, SEED: 'false', JOB_EXECUTOR: 'on', JOB_POLL_MS: '50' }),
    ),
  );
  const remaining = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM wf_job WHERE process_id = 'bench_timer' AND due_at < now()`,
        )
      ).rows[0]?.n,
    );
  const slices: number[] = [];
  const started = performance.now();
  const { cpu } = await cpuDuring(
    apis.map((api) => api.pid).filter((pid) => pid !== null),
    async () => {
      let sliceStart = started;
      let nextMark = BACKLOG * 0.9;
      for (;;) {
        const left = await remaining();
        const now = performance.now();
        while (left <= nextMark && slices.length < 10) {
          slices.push(BACKLOG / 10 / ((now - sliceStart) / 1000));
          sliceStart = now;
          nextMark -= BACKLOG / 10;
        }
        if (left === 0 || now - started > 600_000) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  );
  const total = (performance.now() - started) / 1000;
  await Promise.all(apis.map((a) => a.stop()));
  const fired = Number(
    (
      await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM wf_task WHERE process_id = 'bench_timer' AND element_id = 'AfterWait'`,
      )
    ).rows[0]?.n,
  );
  const rate = (BACKLOG - (await remaining())) / total;
  log(
    `  ${processes} process${processes > 1 ? 'es' : ''}: ${perSecond(rate)} overall ` +
      `(${BACKLOG} timers in ${total.toFixed(1)} s; follow-on tasks so far ${fired})` +
      ` — ${verdict(rate >= TARGETS.timersPerSecond)}`,
  );
  log(`    CPU per timer: ${cpuLine(cpu, BACKLOG, true)}`);
  // Decay: the backlog's last 30% fired markedly slower than its middle.
  const lastSlices = slices.slice(-3);
  const lastRate = lastSlices.reduce((a, b) => a + b, 0) / Math.max(lastSlices.length, 1);
  const steady = lastRate / quantile(slices, 0.5);
  log(
    `    per 10% slice: ${slices.map(perSecond).join(', ')}; the last 30% at ${steady.toFixed(2)} × the median slice` +
      ` (no decay: ≥ ${TARGETS.steadyShare} — ${verdict(steady >= TARGETS.steadyShare)})`,
  );
  await db.query(`DELETE FROM wf_task WHERE process_id = 'bench_timer'`);
  await db.query(
    `DELETE FROM wf_history WHERE instance_id IN (SELECT id FROM wf_instance WHERE process_id = 'bench_timer' AND id <> $1)`,
    [templateId],
  );
  await db.query(
    `DELETE FROM wf_audit WHERE instance_id IN (SELECT id FROM wf_instance WHERE process_id = 'bench_timer' AND id <> $1)`,
    [templateId],
  );
  await db.query(`DELETE FROM wf_job WHERE process_id = 'bench_timer' AND instance_id <> $1`, [
    templateId,
  ]);
  await db.query(`DELETE FROM wf_instance WHERE process_id = 'bench_timer' AND id <> $1`, [
    templateId,
  ]);
}

async function main(): Promise<void> {
  if (!process.env.BENCH_SKIP_BUILD) {
    execFileSync(
      'pnpm',
      ['--filter', '@orglife/engine', '--filter', '@orglife/api', 'run', 'build'],
      {
        stdio: 'inherit',
        cwd: new URL('../../..', import.meta.url),
      },
    );
  }
  log(
    `API benchmark ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const target = EMBEDDED ? embeddedTarget() : await postgresTarget(SERVER, DATABASE);
  try {
    const api = await target.startApi();
    const od = await login(api.baseUrl, 'od_admin');
    for (const name of ['bench-approve', 'bench-timer']) {
      await call(api.baseUrl, od, 'POST', '/definitions', { xml: fixture(name) });
    }
    const scale = EMBEDDED ? EMBEDDED_INBOX : FULL_INBOX;
    // The data set is loaded before the root unit is read: on PGlite each withDb restarts the API.
    const rootUnitId = await target.withDb(async (db) => {
      if (PHASES.has('inbox')) await loadInboxTimed(db, scale);
      const [root] = (
        await db.query<{ id: string }>(`SELECT id FROM org_unit WHERE parent_id IS NULL`)
      ).rows;
      if (!root) throw new Error('no root org unit: the API did not seed the database');
      return root.id;
    });
    if (PHASES.has('inbox')) await inboxPhase(target.api, scale);
    if (PHASES.has('completions')) await completionPhase(target, rootUnitId);
    if (EMBEDDED) await coldStarts(target, scale);
    else if (PHASES.has('timers')) await timerPhase(target as PostgresTarget, rootUnitId);
  } finally {
    await target.end();
  }
  log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

let loadSeconds = 0;

async function loadInboxTimed(db: BenchDb, scale: InboxScale): Promise<void> {
  const t = performance.now();
  await loadInboxData(db, await definitionId(db, 'bench_approve'), scale);
  loadSeconds = (performance.now() - t) / 1000;
}

/** Login names of the inbox's users: persons 1… are committee secretaries, then branch secretaries. */
function inboxUsers(scale: InboxScale): { ordinary: string[]; bigGroups: string[] } {
  const firstMember = scale.committees + scale.branches + 1;
  const memberStep = Math.round((2459 * scale.people) / 100_000);
  const secretaryStep = Math.round((97 * scale.branches) / 1_000);
  return {
    ordinary: Array.from({ length: 40 }, (_, i) => `bench${firstMember + i * memberStep}`).concat(
      Array.from({ length: 10 }, (_, i) => `bench${scale.committees + 1 + i * secretaryStep}`),
    ),
    bigGroups: Array.from({ length: scale.committees }, (_, i) => `bench${i + 1}`),
  };
}

async function inboxPhase(api: BenchApi, scale: InboxScale): Promise<void> {
  log(
    `\nInbox first page through HTTP (${tasksOf(scale).toLocaleString('en')} tasks, ${scale.people.toLocaleString('en')} people; loaded in ${loadSeconds.toFixed(0)} s)`,
  );
  const { ordinary, bigGroups } = inboxUsers(scale);
  const groupTasks = ((tasksOf(scale) / 10) * 2) / scale.committees;
  const p99s = [
    printLatency(
      'ordinary users (50: 4 own open tasks; 10 of them branch secretaries with 200 claimable)',
      await inboxLatency(api, ordinary),
    ),
    printLatency(
      `big-group users (${scale.committees} committee secretaries, ${groupTasks.toLocaleString('en')} open tasks in their group)`,
      await inboxLatency(api, bigGroups),
    ),
  ];
  log(
    `  target: p99 ≤ ${TARGETS.inboxP99Ms} ms for both — ${verdict(Math.max(...p99s) <= TARGETS.inboxP99Ms)}`,
  );
}

/**
 * Completions and raw transactions take turns, ROUNDS times, so that a change in the machine's
 * speed during the run (a shared VM's CPU varies by a quarter from minute to minute) falls on
 * both sides of the ratio alike.
 */
async function completionPhase(target: BenchTarget, rootUnitId: string): Promise<void> {
  log(
    `\nTask completions through HTTP (autocannon, ${CONCURRENCY} connections, ${COMPLETIONS} tasks in ${ROUNDS} rounds, each followed by ${RAW_SECONDS} s of raw ${target.name} transactions)`,
  );
  const started = await startApprovals(target, rootUnitId, WARM_UP_COMPLETIONS + COMPLETIONS);
  const { headers } = started;
  const warmUpIds = started.taskIds.slice(0, WARM_UP_COMPLETIONS);
  const taskIds = started.taskIds.slice(WARM_UP_COMPLETIONS);
  const raw = await target.rawTransactions(CONCURRENCY);
  const warmUp = await completeTasks(target, headers, warmUpIds);
  const warmUpRaw = await raw.run(WARM_UP_RAW_SECONDS);
  log(
    `  (warm-up, not counted: ${warmUp.done} completions at ${perSecond(rateOf(warmUp))}, API ${cpuPer(warmUp.cpu.api, warmUp.done)} each; raw ${perSecond(rateOf(warmUpRaw))})`,
  );
  const completed: (Measured & { p99: number })[] = [];
  const rawRuns: Measured[] = [];
  const slice = Math.ceil(taskIds.length / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const c = await completeTasks(
      target,
      headers,
      taskIds.slice(round * slice, (round + 1) * slice),
    );
    const r = await raw.run(RAW_SECONDS);
    completed.push(c);
    rawRuns.push(r);
    log(
      `  round ${round + 1}: completions ${perSecond(rateOf(c))}, raw ${perSecond(rateOf(r))}, ratio ${(rateOf(c) / rateOf(r)).toFixed(2)}`,
    );
  }
  await raw.end();
  const completions = sum(completed);
  const transactions = sum(rawRuns);
  log(
    `  completions: ${perSecond(rateOf(completions))} (p99 of the rounds ${Math.max(...completed.map((c) => c.p99))} ms)`,
  );
  log(`    CPU per completion: ${cpuLine(completions.cpu, completions.done, true)}`);
  const clients = EMBEDDED ? 'one session, in the load generator' : `${CONCURRENCY} clients`;
  log(
    `  raw ${target.name} 1-insert + 1-update transactions, ${clients}: ${perSecond(rateOf(transactions))}`,
  );
  log(`    CPU per transaction: ${cpuLine(transactions.cpu, transactions.done, false)}`);
  const ratio = rateOf(completions) / rateOf(transactions);
  const ratioTarget = EMBEDDED ? TARGETS.embeddedRatio : TARGETS.ratio;
  log(
    `  ratio: ${ratio.toFixed(2)}  (target: ratio ≥ ${ratioTarget} — ${verdict(ratio >= ratioTarget)})`,
  );
  const floor = await healthRate(target);
  log(
    `  for scale, GET /api/health (no token, one SELECT 1) through the same stack: ${perSecond(floor.rate)}`,
  );
  log(`    CPU per request: ${cpuLine(floor.cpu, floor.done, true)}`);
}

/** The HTTP stack's own cost: the health check, which runs one trivial query. */
async function healthRate(
  target: BenchTarget,
): Promise<{ rate: number; done: number; cpu: CpuSplit }> {
  const api = target.api;
  const { result, cpu } = await cpuDuring(
    api.pid,
    () =>
      timedRun({
        url: `${api.baseUrl}/api/health`,
        connections: CONCURRENCY,
        amount: COMPLETIONS,
        requests: [{ method: 'GET' }],
      }),
    target.serverProcesses,
  );
  return { rate: result.rate, done: result.result.requests.total, cpu };
}

/** One instance waiting on a timer a year ahead, cloned into the backlog. */
async function timerPhase(target: PostgresTarget, rootUnitId: string): Promise<void> {
  const { api, databaseUrl: url, db } = target;
  const token = await login(api.baseUrl, 'od_admin');
  const me = await call<{ id: string }>(api.baseUrl, token, 'GET', '/me');
  const template = await call<{ id: string }>(api.baseUrl, token, 'POST', '/instances', {
    processId: 'bench_timer',
    orgUnitId: rootUnitId,
    variables: {
      initiator: me.id,
      fireAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    },
  });
  await api.stop();
  log(
    `\nTimers fired by the job executor from a backlog of ${BACKLOG.toLocaleString('en')} due timers (target ≥ ${TARGETS.timersPerSecond.toLocaleString('en')}/s, no decay)`,
  );
  await timerRate(url, db, template.id, 1);
  await timerRate(url, db, template.id, 3);
}

/**
 * The built API started on the embedded folder as it is after the phases (at least the
 * inbox's 100,000 tasks), to its first /api/health 200, asked every 10 ms.
 */
async function coldStarts(target: BenchTarget, scale: InboxScale): Promise<void> {
  await target.api.stop();
  const times: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const api = await target.startApi({ SEED: 'false' }, 10);
    times.push(api.startMs / 1000);
    await api.stop();
  }
  const median = quantile(times, 0.5);
  log(
    `\nCold start of the built API on the embedded folder (${PHASES.has('inbox') ? tasksOf(scale).toLocaleString('en') : 'the completion phase’s'} tasks and more), spawn to the first /api/health 200`,
  );
  log(
    `  ${times.map((t) => `${t.toFixed(2)} s`).join(', ')}; median ${median.toFixed(2)} s  (target ≤ ${TARGETS.coldStartSeconds} s — ${verdict(median <= TARGETS.coldStartSeconds)})`,
  );
}

await main();
