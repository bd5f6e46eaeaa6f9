import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export interface Statement {
  sql: string;
  params: readonly unknown[];
  /** Given the statement's rows once it has run: a held-back write's RETURNING, read later. */
  onRows?: (rows: unknown[]) => void;
  /** The tables of a statement that only inserts rows: other inserts may move past it. */
  inserts?: readonly string[];
  /**
   * Its parameters are rows, each one value per row (a JSON array's text, or an array): held
   * back with inserts of the same SQL, they may go as one statement (`mergeInserts`). Its
   * `onRows`, if any, must not care which rows came from which statement.
   */
  mergeable?: boolean;
  /** Tables an insert reads, besides those its foreign keys reference: it merges up past no insert into them. */
  reads?: readonly string[];
}

/**
 * The table's columns as a select list, for hand-written queries on hot paths (a lock, a read
 * sent in the same round trip as another) whose rows `entityFromRow` turns into entities.
 */
export function columnsOf(
  em: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  alias?: string,
): string {
  const prefix = alias ? `${alias}.` : '';
  return em.connection
    .getMetadata(target)
    .columns.map((column) => prefix + column.databaseName)
    .join(', ');
}

/** A raw row of `columnsOf(target)` as the entity TypeORM would have loaded. */
export function entityFromRow<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = em.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = em.connection.driver.prepareHydratedValue(row[column.databaseName], column);
    column.setEntityValue(entity, value);
  }
  return entity;
}

/**
 * INSERTs of entities into their table, values converted by the driver as TypeORM's own insert
 * would; a property left undefined takes the column's default. Rows are given as one JSON array
 * (`json_populate_recordset`), so one SQL text serves any number of rows and inserts of the
 * same columns held back in one transaction merge (`mergeInserts`); rows leaving different
 * columns to their defaults go in one statement per set of columns. Built by hand because
 * TypeORM's query builder costs more than the round trip saved.
 */
export function insertStatements<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Statement[] {
  const metadata = em.connection.getMetadata(target);
  const { driver } = em.connection;
  const bySql = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const columns: string[] = [];
    const object: Record<string, unknown> = {};
    for (const column of metadata.columns) {
      const value: unknown = column.getEntityValue(row);
      if (value === undefined) continue;
      columns.push(`"${column.databaseName}"`);
      object[column.databaseName] =
        value === null || JSON_TYPES.has(String(column.type))
          ? value
          : jsonSafe(driver.preparePersistentValue(value, column));
    }
    const list = columns.join(', ');
    const sql = `INSERT INTO "${metadata.tableName}" (${list})
      SELECT ${list} FROM json_populate_recordset(NULL::"${metadata.tableName}", $1::json)`;
    const objects = bySql.get(sql);
    if (objects) objects.push(object);
    else bySql.set(sql, [object]);
  }
  return [...bySql].map(([sql, objects]) => ({
    sql,
    params: [JSON.stringify(objects)],
    inserts: [metadata.tableName],
    mergeable: true,
  }));
}

/** Column types whose values go into the JSON rows as they are, not as the driver's JSON text. */
const JSON_TYPES = new Set(['json', 'jsonb']);

/** Bytes as PostgreSQL's hex text (JSON has no bytes); every other value as the driver gave it. */
function jsonSafe(value: unknown): unknown {
  return Buffer.isBuffer(value) ? `\\x${value.toString('hex')}` : value;
}
