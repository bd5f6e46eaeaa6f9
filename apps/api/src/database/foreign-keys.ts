import type { DataSource } from 'typeorm';
import type { References } from './merged-inserts.js';

/** Each table's referenced tables, read from the schema's foreign keys. */
export async function foreignKeys(dataSource: DataSource): Promise<References> {
  const rows = await dataSource.query<{ table: string; references: string }[]>(
    `SELECT t.relname AS "table", r.relname AS "references"
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype = 'f'`,
  );
  const references = new Map<string, string[]>();
  for (const { table, references: referenced } of rows) {
    references.set(table, [...(references.get(table) ?? []), referenced]);
  }
  return references;
}
