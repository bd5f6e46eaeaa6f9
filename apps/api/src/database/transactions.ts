import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { sessionLockOf } from './embedded-driver.js';
import { foreignKeys } from './foreign-keys.js';
import type { References } from './merged-inserts.js';
import type { SessionLock } from './session-lock.js';
import { HeldBackWritesFirst, UnitOfWork } from './unit-of-work.js';

/**
 * The one way to open a transaction. On PostgreSQL transactions run side by side on pooled
 * connections. On embedded PGlite they take turns for its single session, and reads made
 * through the data source inside one (rather than through its `em`) run in that session.
 */
@Injectable()
export class Transactions implements OnApplicationBootstrap {
  private readonly sessionLock: SessionLock | undefined;
  /** The schema's foreign keys, once read: until then held-back inserts are not merged. */
  private references: References | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sessionLock = sessionLockOf('driver' in dataSource.options && dataSource.options.driver);
    // A query a transaction makes past its unit of work must send the held-back writes (its
    // BEGIN first) before it: without this, on a data source that lacks it, it would run
    // outside the transaction.
    if (!dataSource.subscribers.some((s) => s instanceof HeldBackWritesFirst)) {
      dataSource.subscribers.push(new HeldBackWritesFirst());
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.references = await foreignKeys(this.dataSource);
  }

  /**
   * Runs `work` inside `em`'s transaction when given one, else in a new transaction opened as a
   * unit of work (`UnitOfWork.of(em)`): writes added to it go with its next read or the COMMIT.
   */
  run<T>(work: (em: EntityManager) => Promise<T>, em?: EntityManager | null): Promise<T> {
    if (em) return work(em);
    if (!this.sessionLock) return this.inTransaction(work);
    return this.sessionLock.runExclusive(() => this.inTransaction(work));
  }

  private async inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const writes = UnitOfWork.begin(runner, this.references);
      let committed = false;
      try {
        const result = await work(runner.manager);
        await writes.commit();
        committed = true;
        return result;
      } finally {
        if (!committed) await writes.rollback().catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /** For reads outside a command: the caller's transaction when given, else the pool. */
  reader(em?: EntityManager | null): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** True when transactions really run side by side (PostgreSQL), so workers may run in parallel. */
  get concurrent(): boolean {
    return !this.sessionLock;
  }
}
