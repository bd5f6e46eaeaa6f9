import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryFailedError } from 'typeorm';
import { holdBack, UnitOfWork } from '../src/database/unit-of-work.js';
import { PreparedStatements } from '../src/database/prepared-statements.js';
import { inlineParameters, quoteLiteral } from '../src/database/sql-literals.js';
import { Transactions } from '../src/database/transactions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('inlining parameters into SQL text', () => {
  it('replaces each placeholder with the quoted literal pg would have bound', () => {
    expect(
      inlineParameters('UPDATE t SET a = $1, b = $2, c = $10 WHERE d = $3', [
        "it's",
        null,
        7,
        4,
        5,
        6,
        7,
        8,
        9,
        true,
      ]),
    ).toBe(`UPDATE t SET a = 'it''s', b = NULL, c = 'true' WHERE d = '7'`);
  });

  it('converts dates, arrays and objects as pg does, escaping backslashes', () => {
    expect(inlineParameters('$1', [new Date('2026-03-02T01:00:00Z')])).toMatch(/^'2026-03-02T/);
    expect(inlineParameters('$1', [['a', 'b"c']])).toBe(String.raw` E'{"a","b\\"c"}'`);
    expect(inlineParameters('$1', [{ x: 'y' }])).toBe(`'{"x":"y"}'`);
  });

  it("quotes text exactly as pg's escapeLiteral does", () => {
    const texts = [
      '',
      'plain',
      "it's",
      "''",
      'a\\b',
      "\\'\\\\",
      '支部\n"x"',
      'x'.repeat(5000) + "'",
    ];
    for (const text of texts) expect(quoteLiteral(text)).toBe(pg.escapeLiteral(text));
  });

  it('leaves placeholders inside quoted strings and identifiers alone', () => {
    expect(inlineParameters(`SELECT '$1', "$2", $1`, [1])).toBe(`SELECT '$1', "$2", '1'`);
  });

  it('refuses a placeholder without a parameter and dollar-quoted bodies', () => {
    expect(() => inlineParameters('SELECT $2', [1])).toThrow('$2 has no parameter (1 given)');
    expect(() => inlineParameters('DO $$ BEGIN END $$', [])).toThrow('Dollar-quoted');
  });
});

describe('statements prepared once per connection', () => {
  const select = (n: number) => ({ sql: `SELECT $1::int + 1 AS next`, params: [n] });

  it('prepares a statement the first time and only executes it after that', () => {
    const prepared = PreparedStatements.of({});
    expect(prepared.batch([select(1)])).toEqual({
      text: `PREPARE orglife_1 AS SELECT $1::int + 1 AS next;\nEXECUTE orglife_1('1')`,
      resultIndexes: [1],
    });
    expect(prepared.batch([{ sql: 'START TRANSACTION', params: [] }, select(2)])).toEqual({
      text: `START TRANSACTION;\nEXECUTE orglife_1('2')`,
      resultIndexes: [0, 1],
    });
  });

  it.runIf(process.env.DATABASE_URL)(
    'starts again from none after a failed batch, whether its PREPAREs ran or not',
    async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        const prepared = PreparedStatements.of(client);
        const run = async (statements: { sql: string; params: unknown[] }[]) => {
          const { text, resultIndexes } = prepared.batch(statements);
          const results = (await client.query(text)) as unknown as pg.QueryResult[];
          return resultIndexes.map((i) => results[i]!.rows);
        };
        expect(await run([select(1)])).toEqual([[{ next: 2 }]]);
        // The division's PREPARE runs and its EXECUTE fails; the doubling's PREPARE never runs.
        const divide = (n: number) => ({ sql: `SELECT 1 / $1::int AS q`, params: [n] });
        const double = (n: number) => ({ sql: `SELECT $1::int * 2 AS twice`, params: [n] });
        await expect(run([divide(0), double(5)])).rejects.toThrow('division by zero');
        prepared.forgetAfterFailure();
        expect(await run([double(5), divide(1), select(3)])).toEqual([
          [{ twice: 10 }],
          [{ q: 1 }],
          [{ next: 4 }],
        ]);
      } finally {
        await client.end();
      }
    },
  );
});

describe('a unit of work: writes held back until its next read or the commit', () => {
  let t: TestApp;
  let transactions: Transactions;

  beforeAll(async () => {
    t = await createTestApp({ seed: false });
    transactions = t.app.get(Transactions);
    await t.db.query(
      `CREATE TABLE deferred_probe (id int PRIMARY KEY, body text, tags text[], doc jsonb, at timestamptz)`,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const insert = (id: number, body: unknown = 'x') => ({
    sql: `INSERT INTO deferred_probe (id, body) VALUES ($1, $2)`,
    params: [id, body],
  });
  const ids = async (): Promise<number[]> =>
    ((await t.db.query(`SELECT id FROM deferred_probe ORDER BY id`)) as { id: number }[]).map(
      (r) => r.id,
    );

  it('keeps every value exactly as given, however it is quoted', async () => {
    const body = `quote ' double " backslash \\ dollar $1 newline \n 中文 E'\\x41'`;
    const tags = ['a,b', '{c}', 'd"e', 'f\\g', ''];
    const doc = { nested: { text: "it's \\ fine", list: [1, null, true] } };
    const at = new Date('2026-03-02T01:02:03.456Z');
    await transactions.run(async (em) => {
      await holdBack(em, {
        sql: `INSERT INTO deferred_probe (id, body, tags, doc, at) VALUES ($1, $2, $3, $4, $5)`,
        params: [1, body, tags, doc, at],
      });
    });
    const [row] = (await t.db.query(`SELECT * FROM deferred_probe WHERE id = 1`)) as {
      body: string;
      tags: string[];
      doc: unknown;
      at: Date;
    }[];
    expect(row).toEqual({ id: 1, body, tags, doc, at });
  });

  it('sends held-back writes before a read in the same transaction, so the read sees them', async () => {
    const seen = await transactions.run(async (em) => {
      await holdBack(em, insert(2));
      const [rows] = await UnitOfWork.of(em)!.read([
        { sql: `SELECT id FROM deferred_probe WHERE id = $1`, params: [2] },
      ]);
      const direct = (await em.query(
        `SELECT count(*)::int AS n FROM deferred_probe WHERE id = 2`,
      )) as {
        n: number;
      }[];
      return { rows, direct: direct[0]?.n };
    });
    expect(seen).toEqual({ rows: [{ id: 2 }], direct: 1 });
  });

  it('sends the held-back writes in the order added, at its read, and fails there', async () => {
    let seen: unknown[] = [];
    const attempt = transactions.run(async (em) => {
      const writes = UnitOfWork.of(em)!;
      writes.add(insert(6, 'first'));
      writes.add({
        sql: `UPDATE deferred_probe SET body = $1 WHERE id = $2`,
        params: ['second', 6],
      });
      [seen = []] = await writes.read([
        { sql: `SELECT body FROM deferred_probe WHERE id = $1`, params: [6] },
      ]);
      writes.add({ sql: `SELECT 1 / $1::int`, params: [0] });
      await writes.read([]);
    });
    await expect(attempt).rejects.toMatchObject({ driverError: { code: '22012' } });
    expect(seen).toEqual([{ body: 'second' }]);
    expect(await ids()).not.toContain(6);
  });

  it.runIf(process.env.DATABASE_URL)(
    'pipelines its statements on PostgreSQL, with bound parameters',
    async () => {
      await transactions.run(async (em) => {
        const client = (await em.queryRunner!.connect()) as { pipeline?: boolean };
        expect(client.pipeline).toBe(true);
      });
    },
  );

  it('hands a held-back write its RETURNING rows once sent, and a write made at once its rows at once', async () => {
    const returned: unknown[][] = [];
    const returning = (id: number) => ({
      sql: `INSERT INTO deferred_probe (id, body) VALUES ($1, 'r') RETURNING id`,
      params: [id],
      onRows: (rows: unknown[]) => returned.push(rows),
    });
    await transactions.run(async (em) => {
      await holdBack(em, returning(120));
      expect(returned).toEqual([]);
      await UnitOfWork.of(em)!.flush();
      expect(returned).toEqual([[{ id: 120 }]]);
    });
    await holdBack(t.db.manager, returning(121));
    expect(returned).toEqual([[{ id: 120 }], [{ id: 121 }]]);
  });

  it('sends held-back writes before a query made past the unit of work (a repository read)', async () => {
    const seen = await transactions.run(async (em) => {
      await holdBack(em, insert(8));
      return (await em.query(`SELECT id FROM deferred_probe WHERE id = 8`)) as unknown[];
    });
    expect(seen).toEqual([{ id: 8 }]);
  });

  it('fails the whole transaction when a held-back write fails, keeping none of it', async () => {
    const before = await ids();
    const attempt = transactions.run(async (em) => {
      await holdBack(em, insert(3));
      await holdBack(em, insert(1)); // id 1 exists: unique violation at commit
    });
    await expect(attempt).rejects.toBeInstanceOf(QueryFailedError);
    await expect(attempt).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(await ids()).toEqual(before);
  });

  it("tells TypeORM its transaction is open, so a repository's own writes join it", async () => {
    const before = await ids();
    await expect(
      transactions.run(async (em) => {
        expect(em.queryRunner?.isTransactionActive).toBe(true);
        await em.query(`INSERT INTO deferred_probe (id, body) VALUES (7, 'direct')`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await ids()).toEqual(before);
  });

  it('drops held-back writes when the work throws', async () => {
    const before = await ids();
    await expect(
      transactions.run(async (em) => {
        await holdBack(em, insert(4));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await ids()).toEqual(before);
  });

  describe('writes of which only the latest matters (an instance stepped by each job of a group)', () => {
    const version = (id: number, body: string) => (since: number) => ({
      sql: `UPDATE deferred_probe SET body = $1 WHERE id = $2 AND body = $3`,
      params: [body, id, String(since)],
    });
    const sent: string[] = [];
    const recording = (body: string) => (from: number) => {
      sent.push(`${body} since ${from}`);
      return version(20, body)(from);
    };

    it('writes each key once at the end, from the first version it replaced', async () => {
      await t.db.query(`INSERT INTO deferred_probe (id, body) VALUES (20, '1')`);
      sent.length = 0;
      const seenMeanwhile = await transactions.run(async (em) => {
        const writes = UnitOfWork.of(em)!;
        return writes.holdingLatest(async () => {
          writes.addLatest('probe 20', 1, recording('2'));
          writes.addLatest('probe 20', 2, recording('3'));
          // a repository read meanwhile does not send them
          return (await em.query(`SELECT body FROM deferred_probe WHERE id = 20`)) as unknown[];
        });
      });
      expect(seenMeanwhile).toEqual([{ body: '1' }]);
      expect(sent).toEqual(['3 since 1']);
      expect(await t.db.query(`SELECT body FROM deferred_probe WHERE id = 20`)).toEqual([
        { body: '3' },
      ]);
    });

    it('sends them with a read made through the unit of work, so the read sees them', async () => {
      const seen = await transactions.run(async (em) => {
        const writes = UnitOfWork.of(em)!;
        return writes.holdingLatest(async () => {
          writes.addLatest('probe 20', 3, version(20, '4'));
          const [rows] = await writes.read([
            { sql: `SELECT body FROM deferred_probe WHERE id = $1`, params: [20] },
          ]);
          writes.addLatest('probe 20', 4, version(20, '5'));
          return rows;
        });
      });
      expect(seen).toEqual([{ body: '4' }]);
      expect(await t.db.query(`SELECT body FROM deferred_probe WHERE id = 20`)).toEqual([
        { body: '5' },
      ]);
    });

    it('adds them at once outside holdingLatest, and drops them with a failed transaction', async () => {
      sent.length = 0;
      await transactions.run(async (em) => {
        UnitOfWork.of(em)!.addLatest('probe 20', 5, recording('6'));
        expect(sent).toEqual(['6 since 5']);
      });
      await expect(
        transactions.run(async (em) => {
          const writes = UnitOfWork.of(em)!;
          await writes.holdingLatest(async () => {
            writes.addLatest('probe 20', 6, version(20, '7'));
            throw new Error('changed my mind');
          });
        }),
      ).rejects.toThrow('changed my mind');
      expect(await t.db.query(`SELECT body FROM deferred_probe WHERE id = 20`)).toEqual([
        { body: '6' },
      ]);
    });
  });

  it('fails with a serialization failure when an expected row was not saved', async () => {
    await expect(
      transactions.run(async (em) => {
        await holdBack(em, insert(5));
        await holdBack(em, {
          sql: `SELECT wf_expect_saved($1, $2)`,
          params: [false, 'Process instance 42'],
        });
      }),
    ).rejects.toMatchObject({
      driverError: { code: '40001', message: 'Process instance 42 was changed concurrently' },
    });
    expect(await ids()).not.toContain(5);
  });
});
