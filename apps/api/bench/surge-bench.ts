// pnpm bench:surge — the month-start surge on PostgreSQL: a province (by default 100
// universities × 300 branches, 20 members each: 30,000 branches, 600,000 members) bulk-loaded
// into the real tables, then every university's monthly study content published through HTTP,
// so that the job executor starts every branch's monthly plan. Prints the time until every
// plan's first task exists, plan starts per second, the job backlog and each API process's RSS
// over time, and the inbox p99 of ordinary users asked during the surge — with 1 and with 3
// API processes. Its own database (orglife_surge) on DATABASE_URL's server (default
// postgres://postgres@127.0.0.1:5432/postgres); the built API (BENCH_SKIP_BUILD=1 to reuse it).
// SURGE_UNIVERSITIES, SURGE_BRANCHES (per university), SURGE_MEMBERS (per branch),
// SURGE_PROCESSES (default "1,3") and SURGE_TIMEOUT_S (default 900) change the run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { call, login, startBenchApi, timedGet, type BenchApi } from './bench-process.js';
import { ms, quantile } from './bench-stats.js';
import { postgresTarget } from './bench-target.js';
import { cpuDuring } from './cpu-usage.js';
import { branchesOf, loadProvince, type SurgeScale } from './surge-data.loader.js';

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'orglife_surge';
const scale: SurgeScale = {
  universities: Number(process.env.SURGE_UNIVERSITIES ?? 100),
  branchesPerUniversity: Number(process.env.SURGE_BRANCHES ?? 300),
  membersPerBranch: Number(process.env.SURGE_MEMBERS ?? 20),
};
const PROCESSES = (process.env.SURGE_PROCESSES ?? '1,3').split(',').map(Number);
const TIMEOUT_MS = Number(process.env.SURGE_TIMEOUT_S ?? 900) * 1000;
/** Publish requests in flight at once (OD admins of different universities). */
const PUBLISHERS = 8;
const SAMPLE_MS = 1_000;
const TARGET_SECONDS = 30;
const TARGET_P99_MS = 20;

const log = (line: string) => console.log(line);
const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** Resident memory of a process in MB, from /proc (0 once it is gone). */
function rssMb(pid: number | null): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** `YYYY-MM` of the month `offset` months from now. */
function month(offset: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
}

/**
 * Inbox first pages (`mine`, then `claimable`) of the given users, one request in flight,
 * spread over the API processes, until `stop()`; their latencies.
 */
function inboxSampler(apis: BenchApi[], tokens: string[]) {
  const samples: number[] = [];
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const api = apis[i % apis.length]!;
      const tab = i % 2 === 0 ? 'mine' : 'claimable';
      const started = performance.now();
      await timedGet(
        api.baseUrl,
        tokens[i % tokens.length]!,
        `/tasks?tab=${tab}&page=1&pageSize=20`,
      );
      samples.push(performance.now() - started);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return samples;
    },
  };
}

async function main(): Promise<void> {
  if (!process.env.BENCH_SKIP_BUILD) {
    execFileSync(
      'pnpm',
      ['--filter', '@orglife/engine', '--filter', '@orglife/api', 'run', 'build'],
      { stdio: 'inherit', cwd: new URL('../../..', import.meta.url) },
    );
  }
  const branches = branchesOf(scale);
  log(
    `Surge benchmark ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadAverage()}`,
  );
  const target = await postgresTarget(SERVER, DATABASE);
  try {
    await target.startApi({ SEED: 'true' });
    const t = performance.now();
    await loadProvince(target.db, scale);
    log(
      `Province: ${scale.universities} universities × ${scale.branchesPerUniversity} branches = ${branches.toLocaleString('en')} branches, ` +
        `${(branches * scale.membersPerBranch).toLocaleString('en')} members (loaded in ${((performance.now() - t) / 1000).toFixed(0)} s)`,
    );
    await target.api.stop();
    for (const [i, processes] of PROCESSES.entries()) {
      await surge(target.databaseUrl, target.db, processes, month(i));
    }
  } finally {
    await target.end();
  }
  log(`\nload average at the end: ${loadAverage()}`);
}

type Db = Awaited<ReturnType<typeof postgresTarget>>['db'];

async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
}

/** One surge: `processes` API processes with the job executor, every university publishing `month`. */
async function surge(url: string, db: Db, processes: number, month: string): Promise<void> {
  const branches = branchesOf(scale);
  log(
    `\n${processes} API process${processes > 1 ? 'es' : ''} (job executor on in each), month ${month}, load average ${loadAverage()}`,
  );
  const apis = await Promise.all(
    Array.from({ length: processes }, () =>
      startBenchApi({ DATABASE_URL: url, SEED: 'false', JOB_EXECUTOR: 'on' }),
    ),
  );
  try {
    const first = apis[0]!;
    // Set-up, not timed: each university's OD admin signs in and drafts the month's content.
    const drafts: { token: string; id: string }[] = [];
    for (let u = 1; u <= scale.universities; u += PUBLISHERS) {
      const batch = Array.from(
        { length: Math.min(PUBLISHERS, scale.universities - u + 1) },
        (_, k) => u + k,
      );
      drafts.push(
        ...(await Promise.all(
          batch.map(async (n) => {
            const token = await login(first.baseUrl, `surge_od${n}`);
            const content = await call<{ id: string }>(
              first.baseUrl,
              token,
              'POST',
              '/study-contents',
              {
                month,
                title: `${month} 学习内容`,
                topics: ['学习贯彻党的二十届四中全会精神'],
                materials: [],
                attachmentIds: [],
              },
            );
            return { token, id: content.id };
          }),
        )),
      );
    }
    const users = Array.from(
      { length: 40 },
      (_, i) => `surge_m${1 + Math.floor((i * branches) / 40)}`,
    ).concat(
      Array.from({ length: 10 }, (_, i) => `surge_sec${1 + Math.floor((i * branches) / 10)}`),
    );
    const tokens = await Promise.all(users.map((u) => login(first.baseUrl, u)));
    const [{ now: dbStart }] = (await db.query<{ now: Date }>(`SELECT now()`)).rows as [
      { now: Date },
    ];
    const plansSoFar = () =>
      count(
        db,
        `SELECT count(*) AS n FROM wf_task WHERE process_id = 'monthly-plan' AND element_id = 'Task_DraftPlan' AND created_at >= $1`,
        [dbStart],
      );
    const backlog = () => count(db, `SELECT count(*) AS n FROM wf_job WHERE due_at <= now()`);

    const sampler = inboxSampler(apis, tokens);
    const started = performance.now();
    let markDone: () => void = () => undefined;
    const surgeDone = new Promise<void>((resolve) => (markDone = resolve));
    const measuring = cpuDuring(
      apis.flatMap((a) => (a.pid ? [a.pid] : [])),
      () => surgeDone,
    );
    // The surge: every university publishes, PUBLISHERS at a time.
    let nextDraft = 0;
    const publishing = Promise.all(
      Array.from({ length: PUBLISHERS }, async () => {
        while (nextDraft < drafts.length) {
          const draft = drafts[nextDraft++]!;
          const api = apis[nextDraft % apis.length]!;
          await call(api.baseUrl, draft.token, 'POST', `/study-contents/${draft.id}/publish`, {});
        }
      }),
    );
    let published = -1;
    void publishing.then(() => (published = (performance.now() - started) / 1000));
    const timeline: string[] = [];
    const rssPeak = apis.map(() => 0);
    let plans = 0;
    let lastPlans = 0;
    let lastAt = started;
    for (;;) {
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
      plans = await plansSoFar();
      const jobs = await backlog();
      const now = performance.now();
      const rss = apis.map((a) => rssMb(a.pid));
      rss.forEach((r, i) => (rssPeak[i] = Math.max(rssPeak[i]!, r)));
      timeline.push(
        `  ${((now - started) / 1000).toFixed(0).padStart(4)} s  plans ${String(plans).padStart(6)} (+${Math.round(((plans - lastPlans) * 1000) / (now - lastAt))}/s)  job backlog ${String(jobs).padStart(5)}  RSS ${rss.join(' / ')} MB`,
      );
      lastPlans = plans;
      lastAt = now;
      if (plans >= branches || now - started > TIMEOUT_MS) break;
    }
    const seconds = (performance.now() - started) / 1000;
    markDone();
    const { cpu } = await measuring;
    await publishing;
    const latencies = await sampler.stop();
    log(`  every university's content published through HTTP in ${published.toFixed(1)} s`);
    log(
      '  over time (every second: plans whose first task exists, job backlog due, RSS of each API process):',
    );
    const step = Math.max(1, Math.ceil(timeline.length / 40));
    timeline.forEach((line, i) => {
      if (i % step === 0 || i === timeline.length - 1) log(line);
    });
    const all = plans >= branches;
    log(
      `  plans started: ${plans.toLocaleString('en')} of ${branches.toLocaleString('en')} in ${seconds.toFixed(1)} s` +
        `${all ? '' : ' (timed out)'} — ${Math.round(plans / seconds)} instance starts/s` +
        `  (target: all within ${TARGET_SECONDS} s — ${verdict(all && seconds <= TARGET_SECONDS)})`,
    );
    const p99 = quantile(latencies, 0.99);
    log(
      `  inbox during the surge (40 members, 10 branch secretaries, one request in flight): p50 ${ms(quantile(latencies, 0.5))}, ` +
        `p99 ${ms(p99)} over ${latencies.length} requests  (target: p99 ≤ ${TARGET_P99_MS} ms — ${verdict(p99 <= TARGET_P99_MS)})`,
    );
    const perPlan = (s: number) => `${Math.round((s * 1e6) / Math.max(plans, 1))} µs`;
    log(
      `  CPU per plan start (with the inbox requests beside it): API ${perPlan(cpu.api)}, PostgreSQL ${perPlan(cpu.postgres)}`,
    );
    log(`  RSS peak per process: ${rssPeak.join(' / ')} MB`);
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
  }
}

await main();
