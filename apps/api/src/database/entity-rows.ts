import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export interface Statement {
  sql: string;
  params: readonly unknown[];
  /** Given the statement's rows once it has run: a held-back write's RETURNING, read later. */
  onRows?: (rows: unknown[]) => void;
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
 * A multi-row INSERT of entities into their table, values converted by the driver as TypeORM's
 * own insert would (JSON columns stringified); a property left undefined takes the column's
 * default. Built by hand because TypeORM's query builder costs more than the round trip saved.
 */
export function insertStatement<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Statement {
  const metadata = em.connection.getMetadata(target);
  const { driver } = em.connection;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = metadata.columns.map((column) => {
      const value: unknown = column.getEntityValue(row);
      if (value === undefined) return 'DEFAULT';
      params.push(driver.preparePersistentValue(value, column));
      return `$${params.length}`;
    });
    return `(${values.join(', ')})`;
  });
  const columns = metadata.columns.map((column) => `"${column.databaseName}"`).join(', ');
  return {
    sql: `INSERT INTO "${metadata.tableName}" (${columns}) VALUES ${tuples.join(', ')}`,
    params,
  };
}
