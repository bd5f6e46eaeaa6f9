import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliUsageError } from '../src/cli/command.js';
import { migrateToPostgresCommand } from '../src/cli/migrate-to-postgres.command.js';
import { databaseOptions } from '../src/database/database.options.js';
import {
  contentsOf,
  expectWorkCarriesOn,
  type InFlight,
  startWorkInFlight,
} from './support/moved-database.js';
import { createTestApp } from './support/test-app.js';
import { WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

/** Each test builds whole databases (PGlite on disk is slow on a busy machine). */
const SLOW = 300_000;

const serverUrl = process.env.DATABASE_URL || undefined;

/** Runs `sql` on the PostgreSQL server of DATABASE_URL. */
async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Needs a PostgreSQL server: runs in the PostgreSQL pass (DATABASE_URL set), into a database
// of its own on that server.
describe.skipIf(!serverUrl)('orglife migrate-to-postgres', () => {
  let dir: string;
  let work: InFlight;
  let before: Awaited<ReturnType<typeof contentsOf>>;
  let clockAtMove: Date;
  const database = `orglife_migrate_${process.pid}`;
  const target = () => {
    const url = new URL(serverUrl!);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const run = async (args: string[]) => {
    vi.stubEnv('DATA_DIR', dir);
    vi.stubEnv('DATABASE_URL', undefined);
    try {
      return await migrateToPostgresCommand.run(args);
    } finally {
      vi.unstubAllEnvs();
    }
  };
  vi.spyOn(console, 'log').mockImplementation(() => undefined);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orglife-migrate-'));
    // The embedded database in DATA_DIR, with work in flight; then the API stops.
    const source = await createTestApp({
      app: { ...WORKFLOW_TEST_APP, databaseUrl: undefined, dataDir: join(dir, 'pglite') },
    });
    try {
      work = await startWorkInFlight(source);
      before = await contentsOf(source.db);
      clockAtMove = source.clock.now();
    } finally {
      await source.close();
    }
    await onServer(`CREATE DATABASE ${database}`);
  }, SLOW);
  afterAll(async () => {
    await onServer(`DROP DATABASE IF EXISTS ${database}`);
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'copies every row, sequence and file, and the API carries the work on on PostgreSQL',
    async () => {
      expect(await run(['--to', target()])).toBe(0);
      const copy = new DataSource({
        ...databaseOptions({ databaseUrl: target() }),
        migrationsRun: false,
      });
      await copy.initialize();
      try {
        expect(await contentsOf(copy)).toEqual(before);
      } finally {
        await copy.destroy();
      }

      const app = await createTestApp({
        seed: false,
        now: clockAtMove,
        app: { ...WORKFLOW_TEST_APP, databaseUrl: target(), databaseSchema: undefined },
      });
      try {
        expect(await app.db.query(`SELECT current_database() AS db`)).toEqual([{ db: database }]);
        await expectWorkCarriesOn(app, work);
      } finally {
        await app.close();
      }
    },
    SLOW,
  );

  it(
    'refuses a database that is not empty, a missing or wrong --to, and a folder with no database',
    async () => {
      await expect(run(['--to', target()])).rejects.toThrow(/not empty/);
      await expect(run([])).rejects.toThrow(CliUsageError);
      await expect(run(['--to', 'mysql://x/y'])).rejects.toThrow(/postgres:\/\//);
      const saved = dir;
      dir = join(saved, 'nothing-here');
      try {
        await expect(run(['--to', target()])).rejects.toThrow(/no embedded database/);
      } finally {
        dir = saved;
      }
    },
    SLOW,
  );
});
