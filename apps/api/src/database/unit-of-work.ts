import {
  type BeforeQueryEvent,
  type EntityManager,
  EventSubscriber,
  type EntitySubscriberInterface,
  type EntityTarget,
  type ObjectLiteral,
  type QueryRunner,
} from 'typeorm';
import { insertStatements, type Statement } from './entity-rows.js';
import { mergeInserts, mergeNeighbours, type References } from './merged-inserts.js';
import { returnedRows } from './returned-rows.js';
import { sendInOrder } from './statement-batch.js';

const BEGIN: Statement = { sql: 'BEGIN', params: [] };
const COMMIT: Statement = { sql: 'COMMIT', params: [] };

const ofRunner = new WeakMap<QueryRunner, UnitOfWork>();

interface LatestWrite {
  since: number;
  write: (since: number) => Statement;
}

/**
 * One transaction's writes whose outcome nobody reads at once (an engine step's rows, its
 * history), kept in the order they were added and sent together at the points the command
 * chooses: `read` (the writes, then reads that must see them or take locks), `flush`, `commit`.
 * Every round trip costs both processes a wake-up, and an engine step's hot paths are made of
 * them: on PostgreSQL each of these points is one round trip, the transaction's BEGIN going with
 * its first. A held-back write that fails still fails the transaction, only later: add nothing
 * whose error you would catch.
 *
 * A query the transaction makes past this object (a repository read) first sends what is held
 * back (`HeldBackWritesFirst`), so it sees the transaction's own writes.
 */
export class UnitOfWork {
  private sending: Promise<unknown> = Promise.resolve();
  /** Writes of which only the last one per key matters, while `holdingLatest` runs. */
  private latest: Map<string, LatestWrite> | null = null;

  private constructor(
    private readonly runner: QueryRunner,
    private pending: Statement[],
    /** Foreign keys between tables, for merging held-back inserts; none, no merging. */
    private readonly references: References | null = null,
  ) {}

  /**
   * Opens the transaction of `runner`: its BEGIN is the first statement held back. TypeORM is
   * told the transaction is open, as its own `startTransaction` would (without the round trip),
   * so its repositories join it rather than open and commit one of their own, and it allows
   * pessimistic locks.
   */
  static begin(runner: QueryRunner, references: References | null = null): UnitOfWork {
    const work = new UnitOfWork(runner, [BEGIN], references);
    ofRunner.set(runner, work);
    markTransactionActive(runner, true);
    return work;
  }

  /**
   * A unit of work inside `em`'s transaction, opened elsewhere (`DataSource.transaction`): its
   * user calls `leave` before that transaction commits.
   */
  static join(em: EntityManager): UnitOfWork {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive)
      throw new Error('A unit of work joins only an open transaction.');
    const work = new UnitOfWork(runner, []);
    ofRunner.set(runner, work);
    return work;
  }

  /** Sends the held-back writes of a joined unit of work and hands the transaction back. */
  async leave(): Promise<void> {
    await this.flush();
    this.forget();
  }

  /** Hands a joined unit of work's transaction back, its held-back writes dropped. */
  forget(): void {
    this.pending = [];
    if (ofRunner.get(this.runner) === this) ofRunner.delete(this.runner);
  }

  /** The unit of work of `em`'s transaction, if it was opened as one. */
  static of(em: EntityManager): UnitOfWork | undefined {
    return em.queryRunner ? ofRunner.get(em.queryRunner) : undefined;
  }

  add(statement: Statement): void {
    this.pending.push(statement);
  }

  /**
   * A write that supersedes the one before it under `key` (a row's new version, checked
   * against the version it replaces): added now, or inside `holdingLatest` kept until its end
   * or the next `read`/`commit`, each key written once, from the `since` its first write gave.
   */
  addLatest(key: string, since: number, write: (since: number) => Statement): void {
    if (!this.latest) return this.add(write(since));
    const earlier = this.latest.get(key);
    this.latest.set(key, { since: earlier?.since ?? since, write });
  }

  /**
   * Runs `work` with `addLatest`'s writes held to its end. A job group steps the same instance
   * once per job, and an instance carrying a multi-instance body over hundreds of branches is
   * tens of kB: written once per group, not once per job. Repository reads made meanwhile do
   * not see these writes (only `read` sends them), so `work` must not read the rows it keys.
   */
  async holdingLatest<T>(work: () => Promise<T>): Promise<T> {
    if (this.latest) return work();
    this.latest = new Map();
    try {
      return await work();
    } finally {
      this.releaseLatest();
      this.latest = null;
    }
  }

  /**
   * Adds the held `addLatest` writes to the pending ones, in the order their keys came; each
   * key's row is a different one, so neighbours of one mergeable SQL go as one statement.
   */
  private releaseLatest(): void {
    if (!this.latest?.size) return;
    const writes = [...this.latest.values()].map(({ since, write }) => write(since));
    this.pending.push(...mergeNeighbours(writes));
    this.latest.clear();
  }

  /** An INSERT of `rows` into `target`'s table, held back. */
  insert<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: T | T[]): void {
    for (const statement of insertStatements(em, target, Array.isArray(rows) ? rows : [rows])) {
      this.add(statement);
    }
  }

  /**
   * Sends the held-back writes, then `reads`, and returns the rows of each read. Each statement
   * runs after the previous one has finished, so a read after a `FOR UPDATE` sees what was
   * committed while it waited for the lock.
   */
  async read(reads: Statement[]): Promise<unknown[][]> {
    this.releaseLatest();
    return this.sendPendingWith(reads);
  }

  private async sendPendingWith(reads: Statement[]): Promise<unknown[][]> {
    const writes = this.references ? mergeInserts(this.pending, this.references) : this.pending;
    this.pending = [];
    const rows = await this.send([...writes, ...reads]);
    writes.forEach((write, i) => write.onRows?.(rows[i]!));
    return rows.slice(writes.length);
  }

  get holdsWrites(): boolean {
    return this.pending.length > 0;
  }

  /** Sends the held-back writes. */
  async flush(): Promise<void> {
    if (this.pending.length > 0 || this.latest?.size) await this.read([]);
  }

  /** Sends the held-back writes before a query made past this object; `holdingLatest` keeps its own. */
  async flushBeforeQuery(): Promise<void> {
    if (this.pending.length > 0) await this.sendPendingWith([]);
  }

  /** Sends the held-back writes and COMMIT. */
  async commit(): Promise<void> {
    await this.read([COMMIT]);
    this.close();
  }

  /** Forgets the held-back writes and rolls back what was sent. */
  async rollback(): Promise<void> {
    const begun = this.pending[0] !== BEGIN;
    this.pending = [];
    this.latest?.clear();
    this.close();
    await this.sending.catch(() => undefined);
    if (begun) await this.runner.query('ROLLBACK');
  }

  private close(): void {
    ofRunner.delete(this.runner);
    markTransactionActive(this.runner, false);
  }

  private async send(statements: Statement[]): Promise<unknown[][]> {
    const connection: unknown = await this.runner.connect();
    const query = (sql: string, params: readonly unknown[]) => this.runner.query(sql, [...params]);
    const sent = sendInOrder(connection, statements, query);
    this.sending = sent;
    return sent;
  }
}

function markTransactionActive(runner: QueryRunner, active: boolean): void {
  (runner as { isTransactionActive: boolean }).isTransactionActive = active;
}

/**
 * A query made on a unit of work's runner past it (a repository read, `em.query`) sends the
 * held-back writes first, so it sees them; the command path's own reads go through `read`.
 */
@EventSubscriber()
export class HeldBackWritesFirst implements EntitySubscriberInterface {
  // Not async: TypeORM awaits only a returned promise, and most queries have nothing to send.
  beforeQuery(event: BeforeQueryEvent): Promise<void> | undefined {
    const work = event.queryRunner && ofRunner.get(event.queryRunner);
    return work?.holdsWrites ? work.flushBeforeQuery() : undefined;
  }
}

/**
 * Holds `statement` back in `em`'s unit of work when its transaction was opened as one;
 * otherwise runs it now.
 */
export async function holdBack(em: EntityManager, statement: Statement): Promise<void> {
  const work = UnitOfWork.of(em);
  if (work) return work.add(statement);
  const result: unknown = await em.query(statement.sql, [...statement.params]);
  statement.onRows?.(returnedRows(result));
}

/** `holdBack` of an INSERT of `rows` into `target`'s table. */
export async function holdBackInsert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T | T[],
): Promise<void> {
  for (const statement of insertStatements(em, target, Array.isArray(rows) ? rows : [rows])) {
    await holdBack(em, statement);
  }
}
