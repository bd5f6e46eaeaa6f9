import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { embeddedDriver } from '../src/database/embedded-driver.js';
import { Transactions } from '../src/database/transactions.js';

/** Resolves once `flag()` is true, giving other queued work turns meanwhile. */
async function until(flag: () => boolean): Promise<void> {
  while (!flag()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the embedded database, one session shared by the whole process', () => {
  let db: DataSource;
  let transactions: Transactions;

  beforeAll(async () => {
    db = new DataSource({ type: 'postgres', driver: embeddedDriver({}), entities: [] });
    await db.initialize();
    await db.query(`CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)`);
    await db.query(`INSERT INTO counter VALUES (1, 0)`);
    transactions = new Transactions(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const current = async (): Promise<number> =>
    ((await db.query(`SELECT n FROM counter WHERE id = 1`)) as { n: number }[])[0]!.n;

  it('runs transactions one after another, so a read-modify-write is never lost', async () => {
    const before = await current();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        transactions.run(async (em) => {
          const [{ n }] = (await em.query(`SELECT n FROM counter WHERE id = 1`)) as [{ n: number }];
          await new Promise((resolve) => setTimeout(resolve, 10));
          await em.query(`UPDATE counter SET n = $1 WHERE id = 1`, [n + 1]);
        }),
      ),
    );
    expect(await current()).toBe(before + 5);
  });

  it('makes a read wait for an open transaction and never shows it uncommitted rows', async () => {
    const before = await current();
    let written = false;
    let readStarted = false;
    const writer = transactions.run(async (em) => {
      await em.query(`UPDATE counter SET n = n + 100 WHERE id = 1`);
      written = true;
      await until(() => readStarted);
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('rolled back on purpose');
    });
    await until(() => written);
    readStarted = true;
    const seen = await current();
    await expect(writer).rejects.toThrow('rolled back on purpose');
    expect(seen).toBe(before);
    expect(await current()).toBe(before);
  });

  it('keeps a failing read from aborting another request’s transaction', async () => {
    const before = await current();
    let written = false;
    let badReadDone = false;
    const writer = transactions.run(async (em) => {
      await em.query(`UPDATE counter SET n = n + 1 WHERE id = 1`);
      written = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await em.query(`UPDATE counter SET n = n + 1 WHERE id = 1`);
    });
    await until(() => written);
    const badRead = db.query(`SELECT no_such_column FROM counter`).finally(() => {
      badReadDone = true;
    });
    await expect(badRead).rejects.toThrow(/no_such_column/);
    await writer;
    expect(badReadDone).toBe(true);
    expect(await current()).toBe(before + 2);
  });

  it('lets a transaction read through the data source itself without waiting on itself', async () => {
    const seen = await transactions.run(async (em) => {
      await em.query(`UPDATE counter SET n = -1 WHERE id = 1`);
      return current();
    });
    expect(seen).toBe(-1);
  });
});
