import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The table's columns as a select list, for hand-written queries on hot paths (a lock, a read
 * sent in the same round trip as another) whose rows `entityFromRow` turns into entities.
 */
export function columnsOf(em: EntityManager, target: EntityTarget<ObjectLiteral>): string {
  return em.connection
    .getMetadata(target)
    .columns.map((column) => column.databaseName)
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
