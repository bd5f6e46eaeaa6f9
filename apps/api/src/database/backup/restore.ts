import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import { MigrationExecutor } from 'typeorm/migration/MigrationExecutor.js';
import { migrations as codeMigrations } from '../migrations/index.js';
import { BackupRefused, type BackupRecord } from './backup-file.js';
import { quoted, rowsOf, userTables } from './dump.js';

/** Rows sent to the database per INSERT (bounded further by their size). */
const BATCH_ROWS = 500;
const BATCH_CHARS = 8 * 1024 * 1024;

/**
 * Loads a backup into an empty database, all of it or nothing (one transaction): the schema
 * is built by the migrations the backup was taken at (the API runs any newer ones when it
 * starts), foreign keys are set aside while the rows go in and checked when they are back.
 * Refuses a backup whose schema is newer than this code, and a target that has any table.
 */
export async function restoreDatabase(
  target: DataSourceOptions,
  records: AsyncIterable<BackupRecord>,
): Promise<{ tables: number; rows: number }> {
  const iterator = records[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.kind !== 'header') throw new BackupRefused('no backup header');
  const migrations = migrationsFor(first.value.migrations);

  const dataSource = new DataSource({ ...target, migrations, migrationsRun: false });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const existing = await userTables(runner);
    if (existing.length > 0 || (await hasTable(runner, 'migrations'))) {
      throw new BackupRefused(
        `the target database is not empty (${existing.length} tables); restore needs an empty one`,
      );
    }
    await runner.startTransaction();
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'none';
      await executor.executePendingMigrations();
      const result = await loadRows(runner, { [Symbol.asyncIterator]: () => iterator });
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

/** The code's migrations up to the backup's; refuses a backup that has one the code lacks. */
function migrationsFor(names: string[]): (typeof codeMigrations)[number][] {
  const known = codeMigrations.map((m) => m.name);
  const unknown = names.find((name, i) => known[i] !== name);
  if (unknown !== undefined || names.length > known.length) {
    throw new BackupRefused(
      `the backup's schema is newer than this code (migration ${unknown ?? names[known.length]} is unknown); restore it with the version of OrgLife that took it or a newer one`,
    );
  }
  return codeMigrations.slice(0, names.length);
}

async function hasTable(runner: QueryRunner, name: string): Promise<boolean> {
  const rows = await rowsOf<unknown[]>(
    runner,
    `SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1`,
    [name],
  );
  return rows.length > 0;
}

async function loadRows(
  runner: QueryRunner,
  records: AsyncIterable<BackupRecord>,
): Promise<{ tables: number; rows: number }> {
  const tables = await userTables(runner);
  // Rows the migrations themselves wrote (reference data) come back from the backup too.
  if (tables.length > 0) await runner.query(`TRUNCATE ${tables.map(quoted).join(', ')}`);
  const foreignKeys = await rowsOf<{ table: string; name: string; definition: string }[]>(
    runner,
    `SELECT conrelid::regclass::text AS table, conname AS name,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
  );
  for (const fk of foreignKeys) {
    await runner.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoted(fk.name)}`);
  }

  const loaded: Record<string, number> = {};
  let batch: { table: string; rows: string[]; chars: number } | undefined;
  const flush = async () => {
    if (!batch) return;
    await runner.query(
      `INSERT INTO ${quoted(batch.table)} OVERRIDING SYSTEM VALUE
       SELECT * FROM jsonb_populate_recordset(NULL::${quoted(batch.table)}, $1::jsonb)`,
      [`[${batch.rows.join(',')}]`],
    );
    loaded[batch.table] = (loaded[batch.table] ?? 0) + batch.rows.length;
    batch = undefined;
  };
  let end: Record<string, number> | undefined;
  for await (const record of records) {
    if (record.kind === 'row') {
      if (!tables.includes(record.table)) {
        throw new BackupRefused(
          `the backup has rows of table ${record.table}, which the schema lacks`,
        );
      }
      if (batch && batch.table !== record.table) await flush();
      batch ??= { table: record.table, rows: [], chars: 0 };
      batch.rows.push(record.json);
      batch.chars += record.json.length;
      if (batch.rows.length >= BATCH_ROWS || batch.chars >= BATCH_CHARS) await flush();
    } else if (record.kind === 'sequence') {
      await flush();
      await runner.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
        quoted(record.name),
        record.value,
        record.called,
      ]);
    } else if (record.kind === 'end') {
      await flush();
      end = record.rows;
    }
  }
  if (!end) throw new BackupRefused('the backup is incomplete: it was cut short');
  for (const [table, count] of Object.entries(end)) {
    if ((loaded[table] ?? 0) !== count) {
      throw new BackupRefused(`the backup is damaged: table ${table} should have ${count} rows`);
    }
  }

  for (const fk of foreignKeys) {
    await runner.query(
      `ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoted(fk.name)} ${fk.definition}`,
    );
  }
  const rows = Object.values(loaded).reduce((sum, n) => sum + n, 0);
  return { tables: Object.keys(end).length, rows };
}
