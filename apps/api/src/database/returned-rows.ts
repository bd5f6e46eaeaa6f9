/**
 * Rows of an `UPDATE … RETURNING` (or any query) through TypeORM: its pg driver answers
 * `[rows, count]` for UPDATE and DELETE, the PGlite driver the rows alone.
 */
export function returnedRows<R>(result: unknown): R[] {
  if (Array.isArray(result) && Array.isArray(result[0])) return result[0] as R[];
  return Array.isArray(result) ? (result as R[]) : [];
}
