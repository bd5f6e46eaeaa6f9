import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Statement } from '../src/database/entity-rows.js';
import { mergeInserts, mergeNeighbours } from '../src/database/merged-inserts.js';
import { holdBack, holdBackInsert } from '../src/database/unit-of-work.js';
import { Attachment } from '../src/attachments/attachment.entity.js';
import { upsertJobs } from '../src/workflow/jobs/job.writer.js';
import type { WorkflowJob } from '../src/workflow/jobs/job.entity.js';
import { Transactions } from '../src/database/transactions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const rows = (table: string, ...items: object[]): Statement => ({
  sql: `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`,
  params: [JSON.stringify(items)],
  inserts: [table],
  mergeable: true,
});
const update = (table: string): Statement => ({ sql: `UPDATE ${table} SET x = 1`, params: [] });
const references = new Map([['child', ['parent']]]);
const shape = (statements: Statement[]) =>
  statements.map((s) => `${s.sql.split(' ')[2]} ${String(s.params[0] ?? '')}`);

describe('held-back inserts merged into one statement per table', () => {
  it('merges inserts of the same SQL into the first, their rows in order', () => {
    const merged = mergeInserts(
      [
        rows('parent', { id: 1 }),
        rows('child', { id: 10, parent: 1 }),
        rows('parent', { id: 2 }),
        rows('child', { id: 20, parent: 2 }, { id: 21, parent: 2 }),
      ],
      references,
    );
    expect(shape(merged)).toEqual([
      'parent [{"id":1},{"id":2}]',
      'child [{"id":10,"parent":1},{"id":20,"parent":2},{"id":21,"parent":2}]',
    ]);
  });

  it('concatenates parameters given as arrays, one value per row', () => {
    const journal = (ids: number[], kinds: string[]): Statement => ({
      sql: 'INSERT INTO journal SELECT unnest($1::int[]), unnest($2::text[])',
      params: [ids, kinds],
      inserts: ['journal'],
      mergeable: true,
    });
    const [merged] = mergeInserts([journal([1], ['a']), journal([2, 3], ['b', 'c'])], references);
    expect(merged!.params).toEqual([
      [1, 2, 3],
      ['a', 'b', 'c'],
    ]);
  });

  it('never moves an insert before rows its table may reference', () => {
    const merged = mergeInserts(
      [
        rows('child', { id: 10, parent: 0 }),
        rows('parent', { id: 1 }),
        rows('child', { id: 11, parent: 1 }),
      ],
      references,
    );
    expect(shape(merged)).toEqual([
      'child [{"id":10,"parent":0}]',
      'parent [{"id":1}]',
      'child [{"id":11,"parent":1}]',
    ]);
  });

  it('merges across inserts that are not merged themselves, but never across other statements', () => {
    const told: Statement = {
      sql: 'WITH told AS (INSERT INTO notification SELECT 1 RETURNING id) SELECT id FROM told',
      params: [],
      inserts: ['notification'],
      onRows: () => undefined,
    };
    const merged = mergeInserts(
      [
        rows('parent', { id: 1 }),
        told,
        rows('parent', { id: 2 }),
        told,
        update('parent'),
        rows('parent', { id: 3 }),
      ],
      references,
    );
    expect(merged.map((s) => s.sql.split(' ')[0] + ' ' + String(s.params[0] ?? ''))).toEqual([
      'INSERT [{"id":1},{"id":2}]',
      'WITH ',
      'WITH ',
      'UPDATE ',
      'INSERT [{"id":3}]',
    ]);
    expect(merged[1]).toBe(told);
  });
});

describe('statements handing their rows to a callback, or reading other tables', () => {
  const bells = () => undefined;
  const notice = (person: string, onRows: Statement['onRows'] = bells): Statement => ({
    sql: 'INSERT INTO notice SELECT * FROM json_to_recordset($1) RETURNING person',
    params: [JSON.stringify([{ person }])],
    inserts: ['notice'],
    reads: ['role_assignment'],
    onRows,
    mergeable: true,
  });

  it('merges them only when they hand their rows to the same function', () => {
    const merged = mergeInserts(
      [notice('a'), notice('b'), notice('c', () => undefined)],
      references,
    );
    expect(shape(merged)).toEqual([
      'notice [{"person":"a"},{"person":"b"}]',
      'notice [{"person":"c"}]',
    ]);
    expect(merged[0]!.onRows).toBe(bells);
  });

  it('never moves one up past an insert into a table it reads', () => {
    const merged = mergeInserts(
      [notice('a'), rows('role_assignment', { person: 'b' }), notice('b')],
      references,
    );
    expect(shape(merged)).toEqual([
      'notice [{"person":"a"}]',
      'role_assignment [{"person":"b"}]',
      'notice [{"person":"b"}]',
    ]);
  });
});

describe('neighbouring writes of different rows merged (instances saved by a job group)', () => {
  const save = (id: number): Statement => ({
    sql: 'UPDATE saved SET x = r.x FROM json_to_recordset($1) r WHERE saved.id = r.id',
    params: [JSON.stringify([{ id }])],
    mergeable: true,
  });

  it('merges each run of one mergeable SQL text, never across another statement', () => {
    const merged = mergeNeighbours([save(1), save(2), update('other'), save(3), save(4)]);
    expect(merged.map((s) => `${s.sql.split(' ')[1]} ${String(s.params[0] ?? '')}`)).toEqual([
      'saved [{"id":1},{"id":2}]',
      'other ',
      'saved [{"id":3},{"id":4}]',
    ]);
  });

  it('leaves statements that are not mergeable as they are', () => {
    const plain = update('other');
    expect(mergeNeighbours([plain, plain])).toEqual([plain, plain]);
  });
});

describe('merged inserts in a transaction', () => {
  let t: TestApp;
  let transactions: Transactions;

  beforeAll(async () => {
    t = await createTestApp();
    transactions = t.app.get(Transactions);
    await t.db.query(`CREATE TABLE probe_parent (id int PRIMARY KEY, name text)`);
    await t.db.query(
      `CREATE TABLE probe_child (id int PRIMARY KEY, parent int NOT NULL REFERENCES probe_parent (id), tags text[])`,
    );
    await t.db.query(`INSERT INTO probe_parent (id, name) VALUES (0, 'existing')`);
    await transactions.onApplicationBootstrap(); // read the new foreign key
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps every row, with children inserted after the parents they reference', async () => {
    await transactions.run(async (em) => {
      await holdBack(em, rows('probe_child', { id: 10, parent: 0, tags: ['a'] }));
      for (const id of [1, 2, 3]) {
        await holdBack(em, rows('probe_parent', { id, name: `p${id}` }));
        await holdBack(em, rows('probe_child', { id: id * 10 + 1, parent: id, tags: ['b', 'c'] }));
      }
    });
    expect(await t.db.query(`SELECT id, parent, tags FROM probe_child ORDER BY id`)).toEqual([
      { id: 10, parent: 0, tags: ['a'] },
      { id: 11, parent: 1, tags: ['b', 'c'] },
      { id: 21, parent: 2, tags: ['b', 'c'] },
      { id: 31, parent: 3, tags: ['b', 'c'] },
    ]);
  });

  it('writes an entity as TypeORM would: bytes, JSON, times, and defaults for what is left out', async () => {
    const content = Buffer.from([0, 1, 2, 254, 255, 92, 120]);
    const takenAt = new Date('2026-03-02T01:02:03.456Z');
    await transactions.run(async (em) => {
      await holdBackInsert(em, Attachment, {
        orgUnitId: t.units['C1-B1']!,
        fileName: "it's \\ 支部.jpg",
        mimeType: 'image/jpeg',
        sizeBytes: content.length,
        sha256: 'a'.repeat(64),
        content,
        thumbnail: null,
        takenAt,
        gpsLatitude: 31.25,
        gpsLongitude: 121.5,
        exif: { Make: 'x"y', ISO: 100, Lens: [1, 2] },
        uploadedBy: t.people['branch_secretary']!,
      } as Partial<Attachment> as Attachment); // id and createdAt left to their defaults
    });
    const [row] = await t.db.query<Record<string, unknown>[]>(
      `SELECT id, file_name, content, thumbnail, taken_at, gps_latitude, gps_longitude, exif, created_at
         FROM attachment WHERE sha256 = $1`,
      ['a'.repeat(64)],
    );
    expect(row).toMatchObject({
      file_name: "it's \\ 支部.jpg",
      thumbnail: null,
      taken_at: takenAt,
      gps_latitude: 31.25,
      gps_longitude: 121.5,
      exif: { Make: 'x"y', ISO: 100, Lens: [1, 2] },
    });
    expect(Buffer.from(row!.content as Uint8Array)).toEqual(content);
    expect(row!.id).toEqual(expect.any(String));
    expect(row!.created_at).toBeInstanceOf(Date);
  });

  it('writes the last of a job upserted twice in one transaction, as two statements would', async () => {
    const job = (retries: number, dueAt: string) =>
      ({
        id: 'merged-upsert-probe',
        kind: 'start_timer',
        state: 'due',
        instanceId: null,
        definitionId: '00000000-0000-4000-8000-000000000001',
        processId: 'probe',
        elementId: 'Start',
        jobType: null,
        dueAt: new Date(dueAt),
        retries,
        attempts: 0,
        fireCount: 0,
        headers: {},
        variables: { retries },
        createdAt: new Date('2026-03-01T00:00:00Z'),
      }) as unknown as WorkflowJob;
    await transactions.run(async (em) => {
      await upsertJobs(em, [job(1, '2026-03-02T00:00:00Z')]);
      await holdBack(em, rows('probe_parent', { id: 100, name: 'between' }));
      await upsertJobs(em, [job(2, '2026-03-03T00:00:00Z')]);
    });
    expect(
      await t.db.query(`SELECT retries, due_at, variables FROM wf_job WHERE id = $1`, [
        'merged-upsert-probe',
      ]),
    ).toEqual([
      { retries: 2, due_at: new Date('2026-03-03T00:00:00Z'), variables: { retries: 2 } },
    ]);
  });
});
