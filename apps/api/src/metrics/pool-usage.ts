import type { DataSource } from 'typeorm';

export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const isPgPool = (pool: unknown): pool is PgPool =>
  typeof pool === 'object' && pool !== null && typeof (pool as PgPool).totalCount === 'number';

/** The `pg` pool's connections; null on the embedded database, which has one and no pool. */
export function poolUsage(db: DataSource): PoolUsage | null {
  const pool: unknown = (db.driver as { master?: unknown }).master;
  if (!isPgPool(pool)) return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}
