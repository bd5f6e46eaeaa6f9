import type { EntityManager } from 'typeorm';
import { UnitOfWork } from './unit-of-work.js';

/**
 * Values read once per transaction (its unit of work) under a key: a job group doing the same
 * lookup for each of its jobs asks the database once. Outside a unit of work, read each time.
 * Only for rows the transaction does not change after reading them.
 */
export class TransactionMemo<V> {
  private readonly known = new WeakMap<UnitOfWork, Map<string, Promise<V>>>();

  get(em: EntityManager, key: string, read: () => Promise<V>): Promise<V> {
    const values = this.valuesOf(em);
    if (!values) return read();
    let value = values.get(key);
    if (!value) values.set(key, (value = read()));
    return value;
  }

  /** Remembers `value` under `key` for the rest of the transaction (a prefetch's rows). */
  put(em: EntityManager, key: string, value: V): void {
    this.valuesOf(em)?.set(key, Promise.resolve(value));
  }

  private valuesOf(em: EntityManager): Map<string, Promise<V>> | undefined {
    const work = UnitOfWork.of(em);
    if (!work) return undefined;
    let values = this.known.get(work);
    if (!values) this.known.set(work, (values = new Map()));
    return values;
  }
}
