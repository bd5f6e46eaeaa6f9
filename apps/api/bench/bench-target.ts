import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { BenchDb } from './bench-data.loader.js';
import { startBenchApi, type BenchApi } from './bench-process.js';
import { cpuDuring, type CpuSplit } from './cpu-usage.js';

/** A measured stretch of work: how many units, over how long, at what CPU. */
export interface Measured {
  done: number;
  seconds: number;
  cpu: CpuSplit;
}

/** Raw 1-insert + 1-update transactions back to back, on demand. */
export interface RawTransactions {
  run(seconds: number): Promise<Measured>;
  end(): Promise<unknown>;
}

/**
 * The database the benchmark runs the API on: PostgreSQL (the API and the raw transactions
 * connect to its server), or embedded PGlite (the API's own folder; the raw transactions on
 * a folder of their own, in this process).
 */
export interface BenchTarget {
  readonly name: 'PostgreSQL' | 'PGlite';
  /** Whether the database runs in processes of its own, whose CPU is counted apart. */
  readonly serverProcesses: boolean;
  readonly api: BenchApi;
  startApi(env?: Record<string, string>, pollMs?: number): Promise<BenchApi>;
  /**
   * Runs `work` on a client of the API's database. PGlite's folder takes one process at a
   * time, so there the API is stopped for it and started again after.
   */
  withDb<T>(work: (db: BenchDb) => Promise<T>): Promise<T>;
  rawTransactions(clients: number): Promise<RawTransactions>;
  end(): Promise<void>;
}

const RAW_TABLES = `
  CREATE TABLE IF NOT EXISTS bench_raw_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL, v int NOT NULL);
  CREATE TABLE IF NOT EXISTS bench_raw_counter (id int PRIMARY KEY, n bigint NOT NULL)`;
const RAW_INSERT = `INSERT INTO bench_raw_log (at, v) VALUES (now(), $1)`;
const RAW_UPDATE = `UPDATE bench_raw_counter SET n = n + 1 WHERE id = $1`;

async function measured(work: () => Promise<number>, withServer: boolean): Promise<Measured> {
  const started = performance.now();
  const { result: done, cpu } = await cpuDuring(null, work, withServer);
  return { done, seconds: (performance.now() - started) / 1000, cpu };
}

export interface PostgresTarget extends BenchTarget {
  readonly databaseUrl: string;
  readonly db: pg.Client;
}

/** The API on its own database `database` of the PostgreSQL server at `serverUrl`. */
export async function postgresTarget(serverUrl: string, database: string): Promise<PostgresTarget> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let api: BenchApi | undefined;
  return {
    name: 'PostgreSQL',
    serverProcesses: true,
    databaseUrl,
    db,
    get api() {
      if (!api) throw new Error('the API is not started');
      return api;
    },
    async startApi(env = {}, pollMs) {
      api = await startBenchApi({ DATABASE_URL: databaseUrl, JOB_EXECUTOR: 'off', ...env }, pollMs);
      return api;
    },
    withDb: (work) => work(db),
    async rawTransactions(clients) {
      await db.query(RAW_TABLES);
      await db.query(
        `INSERT INTO bench_raw_counter SELECT g, 0 FROM generate_series(1, ${clients}) g ON CONFLICT DO NOTHING`,
      );
      const sessions = await Promise.all(
        Array.from({ length: clients }, async () => {
          const c = new pg.Client({ connectionString: databaseUrl });
          await c.connect();
          return c;
        }),
      );
      return {
        run: (seconds) =>
          measured(async () => {
            const until = Date.now() + seconds * 1000;
            let done = 0;
            await Promise.all(
              sessions.map(async (c, i) => {
                while (Date.now() < until) {
                  await c.query('BEGIN');
                  await c.query(RAW_INSERT, [i]);
                  await c.query(RAW_UPDATE, [i + 1]);
                  await c.query('COMMIT');
                  done++;
                }
              }),
            );
            return done;
          }, true),
        end: () => Promise.all(sessions.map((c) => c.end())),
      };
    },
    async end() {
      await api?.stop();
      await db.end();
    },
  };
}

/** PGlite as a BenchDb: statements with parameters through `query`, scripts through `exec`. */
function pgliteDb(lite: PGlite): BenchDb {
  return {
    async query<R>(sql: string, params?: unknown[]) {
      if (params && params.length > 0) return lite.query<R>(sql, params);
      const results = await lite.exec(sql);
      return { rows: (results.at(-1)?.rows ?? []) as R[] };
    },
  };
}

/**
 * The API on embedded PGlite in a fresh folder (DATA_DIR) under the system's temporary
 * folder; the raw transactions on PGlite in another folder beside it, in this process.
 */
export function embeddedTarget(): BenchTarget {
  const dataDir = mkdtempSync(join(tmpdir(), 'orglife-bench-api-'));
  const rawDir = mkdtempSync(join(tmpdir(), 'orglife-bench-raw-'));
  let api: BenchApi | undefined;
  let lastEnv: Record<string, string> = {};
  const start = async (env: Record<string, string>, pollMs?: number) => {
    lastEnv = env;
    api = await startBenchApi(
      { DATABASE_URL: '', DATA_DIR: dataDir, JOB_EXECUTOR: 'off', ...env },
      pollMs,
    );
    return api;
  };
  let raw: PGlite | undefined;
  return {
    name: 'PGlite',
    serverProcesses: false,
    get api() {
      if (!api) throw new Error('the API is not started');
      return api;
    },
    startApi: (env = {}, pollMs) => start(env, pollMs),
    async withDb(work) {
      await api?.stop();
      const lite = await PGlite.create(join(dataDir, 'pglite'));
      try {
        return await work(pgliteDb(lite));
      } finally {
        await lite.close();
        await start({ ...lastEnv, SEED: 'false' });
      }
    },
    async rawTransactions() {
      const lite = await PGlite.create(rawDir);
      raw = lite;
      await lite.exec(RAW_TABLES);
      await lite.exec(`INSERT INTO bench_raw_counter VALUES (1, 0) ON CONFLICT DO NOTHING`);
      return {
        // One session: PGlite runs one transaction at a time.
        run: (seconds) =>
          measured(async () => {
            const until = Date.now() + seconds * 1000;
            let done = 0;
            while (Date.now() < until) {
              await lite.transaction(async (tx) => {
                await tx.query(RAW_INSERT, [done]);
                await tx.query(RAW_UPDATE, [1]);
              });
              done++;
            }
            return done;
          }, false),
        end: async () => {
          await lite.close();
          raw = undefined;
        },
      };
    },
    async end() {
      await api?.stop();
      await raw?.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(rawDir, { recursive: true, force: true });
    },
  };
}
