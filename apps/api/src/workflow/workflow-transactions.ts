import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs one command in one transaction. Embedded PGlite is a single session shared by every
 * query of the process, so two open transactions would interleave their statements: there,
 * transactions run one after another. PostgreSQL runs them concurrently on pooled connections.
 */
@Injectable()
export class WorkflowTransactions {
  private readonly serial: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = 'driver' in dataSource.options && dataSource.options.driver !== undefined;
  }

  /** Runs `work` inside `em`'s transaction when given one, else in a new transaction. */
  run<T>(work: (em: EntityManager) => Promise<T>, em?: EntityManager | null): Promise<T> {
    if (em) return work(em);
    if (!this.serial) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** For reads outside a command: the caller's transaction when given, else the pool. */
  reader(em?: EntityManager | null): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** True when transactions really run side by side (PostgreSQL), so workers may run in parallel. */
  get concurrent(): boolean {
    return !this.serial;
  }
}
