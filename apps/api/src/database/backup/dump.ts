import type { QueryRunner } from 'typeorm';
import { backupHeader, type BackupRecord } from './backup-file.js';

const PAGE = 200;

/**
 * Every row of every table in one snapshot: a REPEATABLE READ, READ ONLY transaction on the
 * runner's connection, so rows committed while the dump runs are not in it and rows of one
 * transaction are all in it or all not. On the embedded database the runner holds the one
 * session, so other requests wait until the dump is done.
 */
export async function* dumpDatabase(
  runner: QueryRunner,
  database: 'pglite' | 'postgres',
): AsyncGenerator<BackupRecord> {
  await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const migrations = await rowsOf<{ name: string }[]>(
      runner,
      `SELECT name FROM migrations ORDER BY id`,
    );
    yield backupHeader(
      database,
      migrations.map((m) => m.name),
    );
    const counts: Record<string, number> = {};
    for (const table of await userTables(runner)) {
      counts[table] = 0;
      let after = '(0,0)';
      for (;;) {
        // Pages in physical order: the snapshot does not change under them.
        const page = await rowsOf<{ at: string; json: string }[]>(
          runner,
          `SELECT t.ctid::text AS at, to_jsonb(t)::text AS json FROM ${quoted(table)} t
            WHERE t.ctid > $1::tid ORDER BY t.ctid LIMIT ${PAGE}`,
          [after],
        );
        for (const row of page) yield { kind: 'row', table, json: row.json };
        counts[table] += page.length;
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.at;
      }
    }
    const sequences = await rowsOf<{ name: string }[]>(
      runner,
      `SELECT sequencename AS name FROM pg_sequences
        WHERE schemaname = current_schema() ORDER BY sequencename`,
    );
    for (const { name } of sequences) {
      const [state] = await rowsOf<[{ value: string; called: boolean }]>(
        runner,
        `SELECT last_value::text AS value, is_called AS called FROM ${quoted(name)}`,
      );
      yield { kind: 'sequence', name, value: state.value, called: state.called };
    }
    yield { kind: 'end', rows: counts };
  } finally {
    await runner.query('COMMIT');
  }
}

/** The tables the data lives in: every table of the schema but TypeORM's migration log. */
export async function userTables(runner: QueryRunner): Promise<string[]> {
  const rows = await rowsOf<{ name: string }[]>(
    runner,
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> 'migrations' ORDER BY tablename`,
  );
  return rows.map((r) => r.name);
}

/** The rows a query returns, typed by the caller. */
export async function rowsOf<T>(runner: QueryRunner, sql: string, params?: unknown[]): Promise<T> {
  return (await runner.query(sql, params)) as T;
}

export function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
