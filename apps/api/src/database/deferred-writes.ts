import type pg from 'pg';
import {
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  QueryFailedError,
  type QueryRunner,
} from 'typeorm';
import { insertStatement, type Statement } from './entity-rows.js';
import { returnedRows } from './returned-rows.js';
import { PreparedStatements } from './prepared-statements.js';
import { isScriptRunner } from './embedded-driver.js';

const transactions = new WeakMap<QueryRunner, DeferredWrites>();

/** What TypeORM's `startTransaction` sends. */
const TYPEORM_BEGIN = 'START TRANSACTION';

/**
 * The writes of one transaction whose outcome nobody reads at once (an engine step's rows,
 * its history), held back and sent together: before the transaction's next query, or with its
 * COMMIT. On PostgreSQL they go in the same round trip as that query or COMMIT; every round
 * trip costs both processes a wake-up, and an engine step's hot paths are made of them. A
 * held-back write that fails still fails the transaction, only later: defer nothing whose
 * error you would catch.
 *
 * Several statements are sent as one simple-protocol query, which carries no bound parameters:
 * each runs as a prepared statement of the connection, its parameters given as escaped literals
 * (`prepared-statements.ts`, `sql-literals.ts`). On PostgreSQL that is one round trip; on
 * embedded PGlite (`pipelined` false: one session, taken in turns) one call into it, where each
 * statement sent on its own with parameters costs six protocol calls and a parse and plan.
 */
export class DeferredWrites {
  private pending: Statement[] = [];

  private constructor(
    private readonly runner: QueryRunner,
    private readonly send: (sql: string, params: readonly unknown[]) => Promise<unknown>,
    private readonly pipelined: boolean,
  ) {}

  /**
   * Starts holding back writes for `runner`'s transaction. From here on any query the runner
   * makes sends the held-back writes first, so a read in the transaction sees them. The
   * runner's own START TRANSACTION is held back too: it needs no answer, so it goes with the
   * transaction's first statement.
   */
  static attach(runner: QueryRunner, pipelined: boolean): DeferredWrites {
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    const writes = new DeferredWrites(runner, query, pipelined);
    const flushFirst = async (sql: unknown, ...rest: unknown[]) => {
      if (sql === TYPEORM_BEGIN) {
        writes.add({ sql, params: [] });
        return undefined;
      }
      await writes.flush();
      return query(sql, ...rest);
    };
    runner.query = flushFirst as QueryRunner['query'];
    transactions.set(runner, writes);
    return writes;
  }

  static of(em: EntityManager): DeferredWrites | undefined {
    return em.queryRunner ? transactions.get(em.queryRunner) : undefined;
  }

  add(statement: Statement): void {
    this.pending.push(statement);
  }

  /** Forgets the held-back writes: the transaction is being rolled back. */
  discard(): void {
    this.pending = [];
  }

  /** Sends the held-back writes. */
  async flush(): Promise<void> {
    if (this.pending.length > 0) await this.sendWith([]);
  }

  /** Sends the held-back writes and COMMIT; on PostgreSQL in one round trip. */
  async commit(): Promise<void> {
    await this.sendWith([{ sql: 'COMMIT', params: [] }]);
  }

  /**
   * Sends the held-back writes, then `reads`, and returns the rows of each read: on PostgreSQL
   * all in one round trip. Each statement runs after the previous one has finished, so a read
   * after a `FOR UPDATE` sees what was committed while it waited for the lock.
   */
  async sendWith(reads: Statement[]): Promise<unknown[][]> {
    const writes = this.pending;
    this.pending = [];
    const all = [...writes, ...reads];
    if (all.length === 0) return [];
    const client = (await this.runner.connect()) as unknown;
    const script = !this.pipelined && isScriptRunner(client) ? client : undefined;
    if (!this.pipelined && !script) {
      for (const write of writes) await this.send(write.sql, write.params);
      const rows: unknown[][] = [];
      for (const read of reads) rows.push(returnedRows(await this.send(read.sql, read.params)));
      return rows;
    }
    const prepared = PreparedStatements.of(client as object);
    const { text, resultIndexes } = prepared.batch(all);
    let results: { rows: unknown[] } | { rows: unknown[] }[];
    try {
      results = script
        ? await script.runScript(text)
        : ((await (client as pg.PoolClient).query(text)) as unknown as
            pg.QueryResult | pg.QueryResult[]);
    } catch (error) {
      prepared.forgetAfterFailure();
      throw new QueryFailedError(text, [], error as Error);
    }
    const list = Array.isArray(results) ? results : [results];
    return resultIndexes.slice(writes.length).map((index) => list[index]!.rows);
  }
}

/**
 * Holds `statement` back until the transaction's next query or commit when `em` is a
 * transaction's; otherwise runs it now.
 */
export async function deferWrite(em: EntityManager, statement: Statement): Promise<void> {
  const writes = DeferredWrites.of(em);
  if (writes) writes.add(statement);
  else await em.query(statement.sql, [...statement.params]);
}

/** `deferWrite` of an INSERT of `rows` into `target`'s table. */
export async function deferInsert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T | T[],
): Promise<void> {
  await deferWrite(em, insertStatement(em, target, Array.isArray(rows) ? rows : [rows]));
}

/**
 * Runs `reads` in order after `em`'s held-back writes (one round trip on PostgreSQL) and
 * returns the rows of each.
 */
export async function readInOrder(em: EntityManager, reads: Statement[]): Promise<unknown[][]> {
  const writes = DeferredWrites.of(em);
  if (writes) return writes.sendWith(reads);
  const rows: unknown[][] = [];
  for (const read of reads) rows.push(returnedRows(await em.query(read.sql, [...read.params])));
  return rows;
}
