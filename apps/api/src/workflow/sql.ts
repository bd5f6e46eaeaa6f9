import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/**
 * `em.insert` for entities with JSON columns: TypeORM's deep-partial parameter type recurses
 * through the JSON value type until the compiler gives up, so rows are typed as whole entities.
 */
export async function insertRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T | T[],
): Promise<void> {
  await em
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows as QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[])
    .execute();
}

/**
 * Rows of an `UPDATE … RETURNING`: TypeORM's pg driver answers `[rows, count]`, the PGlite
 * driver the rows alone.
 */
export function returnedRows<R>(result: unknown): R[] {
  if (Array.isArray(result) && Array.isArray(result[0])) return result[0] as R[];
  return Array.isArray(result) ? (result as R[]) : [];
}
