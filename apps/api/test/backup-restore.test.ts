import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliUsageError } from '../src/cli/command.js';
import { backupCommand } from '../src/cli/backup.command.js';
import { restoreCommand } from '../src/cli/restore.command.js';
import { BackupRefused, readBackup, writeBackup } from '../src/database/backup/backup-file.js';
import { backupFromServer, serveBackups } from '../src/database/backup/backup-socket.js';
import { dumpDatabase } from '../src/database/backup/dump.js';
import { restoreDatabase } from '../src/database/backup/restore.js';
import { databaseOptions } from '../src/database/database.options.js';
import {
  contentsOf,
  expectWorkCarriesOn,
  type InFlight,
  startWorkInFlight,
} from './support/moved-database.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

/** Each test builds whole databases (PGlite on disk is slow on a busy machine). */
const SLOW = 300_000;

const databaseUrl = process.env.DATABASE_URL || undefined;

/** Where a restore goes: a new embedded data folder, or a new schema on PostgreSQL. */
async function emptyTarget(dir: string, name: string) {
  if (!databaseUrl) {
    const dataDir = join(dir, name);
    return { options: databaseOptions({ dataDir }), app: { dataDir }, drop: async () => {} };
  }
  const schema = `restore_${process.pid}_${name}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    options: databaseOptions({ databaseUrl, databaseSchema: schema }),
    app: { databaseSchema: schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

async function contentsAt(options: DataSourceOptions) {
  const ds = new DataSource({ ...options, migrationsRun: false });
  await ds.initialize();
  try {
    return await contentsOf(ds);
  } finally {
    await ds.destroy();
  }
}

// One PGlite database per process (typeorm-pglite keeps a single instance): on the embedded
// database the source is closed before any restored copy is opened.
describe('backup and restore', () => {
  let dir: string;
  let work: InFlight;
  let file: string;
  let busyFile: string;
  let before: Awaited<ReturnType<typeof contentsOf>>;
  let clockAtBackup: Date;
  const drops: (() => Promise<void>)[] = [];

  async function backup(source: TestApp, path: string): Promise<void> {
    if (databaseUrl) {
      const runner = source.db.createQueryRunner();
      await runner.connect();
      await writeBackup(dumpDatabase(runner, 'postgres'), path);
      await runner.release();
      return;
    }
    // The embedded database is the API process's: the snapshot is asked of it.
    const server = await serveBackups(source.db, join(dir, 'pglite'));
    try {
      expect(await backupFromServer(join(dir, 'pglite'), path)).toBe(true);
    } finally {
      server.close();
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orglife-backup-'));
    file = join(dir, 'orglife.backup');
    busyFile = join(dir, 'busy.backup');
    const source = await createTestApp({ app: WORKFLOW_TEST_APP });
    try {
      work = await startWorkInFlight(source);
      const secretary = await source.login('branch_secretary');
      // Requests keep coming while a snapshot is taken.
      const busy = Promise.all(
        [1, 2, 3].map((i) =>
          secretary
            .post('/api/people')
            .send({ employeeNo: `BK${i}`, name: `备份中${i}`, orgUnitId: source.units['C1-B1'] })
            .expect(201),
        ),
      );
      await backup(source, busyFile);
      await busy;
      await backup(source, file);
      before = await contentsOf(source.db);
      clockAtBackup = source.clock.now();
    } finally {
      await source.close();
    }
  }, SLOW);
  afterAll(async () => {
    for (const drop of drops) await drop();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'takes a whole snapshot while requests go on: each request is in it or not, none in part',
    async () => {
      let people = -1;
      for await (const record of readBackup(busyFile)) {
        if (record.kind === 'end') people = record.rows['person']!;
      }
      const after = (before['person'] as { rows: number }).rows;
      expect(people).toBeGreaterThanOrEqual(after - 3);
      expect(people).toBeLessThanOrEqual(after);
    },
    SLOW,
  );

  it(
    'restores every row and file into an empty database, and the instances carry on there',
    async () => {
      const target = await emptyTarget(dir, 'restored');
      drops.push(target.drop);
      const result = await restoreDatabase(target.options, readBackup(file));
      expect(result.rows).toBeGreaterThan(100);
      expect(await contentsAt(target.options)).toEqual(before);

      const app = await createTestApp({
        seed: false,
        now: clockAtBackup,
        app: { ...WORKFLOW_TEST_APP, ...target.app },
      });
      try {
        await expectWorkCarriesOn(app, work);
      } finally {
        await app.close();
      }
    },
    SLOW,
  );

  it(
    'refuses a database that is not empty, and changes nothing in it',
    async () => {
      const target = await emptyTarget(dir, 'full');
      drops.push(target.drop);
      await restoreDatabase(target.options, readBackup(file));
      const before = await contentsAt(target.options);
      await expect(restoreDatabase(target.options, readBackup(file))).rejects.toThrow(/not empty/);
      expect(await contentsAt(target.options)).toEqual(before);
    },
    SLOW,
  );

  it(
    'refuses a backup whose schema is newer than the code',
    async () => {
      const newer = join(dir, 'newer.backup');
      const records = async function* () {
        for await (const record of readBackup(file)) {
          yield record.kind === 'header'
            ? { ...record, migrations: [...record.migrations, 'FromTheFuture9999999999999'] }
            : record;
        }
      };
      await writeBackup(records(), newer);
      const target = await emptyTarget(dir, 'newer');
      drops.push(target.drop);
      await expect(restoreDatabase(target.options, readBackup(newer))).rejects.toThrow(
        /newer than this code \(migration FromTheFuture9999999999999/,
      );
    },
    SLOW,
  );

  describe('orglife restore (embedded database in DATA_DIR)', () => {
    const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    beforeAll(() => {
      process.env.DATA_DIR = join(dir, 'cli-data');
      delete process.env.DATABASE_URL;
    });
    afterAll(() => {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    it(
      'refuses a missing file, a file that is not a backup, and one cut short, leaving no database behind',
      async () => {
        const full = await readFile(file);
        const cut = join(dir, 'cut.backup');
        await writeFile(cut, full.subarray(0, Math.floor(full.length / 2)));
        const text = join(dir, 'notes.txt');
        await writeFile(text, 'not a backup\n');
        const gzText = join(dir, 'notes.gz');
        await writeFile(gzText, await promisify(gzip)(Buffer.from('{"hello":1}\n')));
        for (const [path, message] of [
          [join(dir, 'none.backup'), /no such file/],
          [text, /not an OrgLife backup/],
          [gzText, /not an OrgLife backup/],
          [cut, /not an OrgLife backup|incomplete/],
        ] as const) {
          const refusal = restoreCommand.run([path]);
          await expect(refusal).rejects.toThrow(CliUsageError);
          await expect(refusal).rejects.toThrow(message);
          expect(existsSync(join(dir, 'cli-data', 'pglite'))).toBe(false);
        }
      },
      SLOW,
    );

    it(
      'restores a backup into a new data folder, and backs that folder up again',
      async () => {
        expect(await restoreCommand.run([file])).toBe(0);
        await expect(restoreCommand.run([file])).rejects.toThrow(/not empty/);

        const again = join(dir, 'again.backup');
        expect(await backupCommand.run([again])).toBe(0);
        await expect(backupCommand.run([again])).rejects.toThrow(/already exists/);
        const ends = async (path: string) => {
          for await (const record of readBackup(path))
            if (record.kind === 'end') return record.rows;
        };
        expect(await ends(again)).toEqual(await ends(file));
      },
      SLOW,
    );
  });

  it(
    'names a backup whose end is missing',
    async () => {
      let header = '';
      for await (const record of readBackup(file)) {
        if (record.kind === 'header') header = JSON.stringify(record);
      }
      const short = join(dir, 'short.backup');
      await writeFile(short, await promisify(gzip)(Buffer.from(`${header}\n`)));
      const target = await emptyTarget(dir, 'short');
      drops.push(target.drop);
      await expect(restoreDatabase(target.options, readBackup(short))).rejects.toThrow(
        new BackupRefused(`${short} is incomplete: it was cut short`),
      );
      expect(Object.keys(await contentsAt(target.options))).toEqual([]);
    },
    SLOW,
  );
});
