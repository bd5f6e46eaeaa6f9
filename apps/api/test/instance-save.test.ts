import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { Transactions } from '../src/database/transactions.js';
import type { WorkflowInstance } from '../src/workflow/instances/instance.entity.js';
import { instanceSaveStatement } from '../src/workflow/instances/instance-save.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';

/** An instance as a step leaves it: its new state and version. */
const stepped = (id: string, version: number, status = 'active'): WorkflowInstance =>
  ({
    id,
    version,
    status,
    state: { id, version, note: `step ${version}` },
    endedAt: status === 'active' ? null : new Date('2026-03-02T01:00:00Z'),
  }) as unknown as WorkflowInstance;

describe("a job group's instances saved in one statement", () => {
  let t: TestApp;
  let transactions: Transactions;
  const rowsOf = () =>
    t.db.query(
      `SELECT id, version, status, state->>'note' AS note, ended_at FROM wf_instance
        WHERE id IN ($1, $2) ORDER BY id`,
      [A, B],
    );

  beforeAll(async () => {
    t = await createTestApp();
    transactions = t.app.get(Transactions);
  });
  beforeEach(async () => {
    await t.db.query(`DELETE FROM wf_instance WHERE id IN ($1, $2)`, [A, B]);
    await t.db.query(
      `INSERT INTO wf_instance (id, definition_id, process_id, status, state, version, started_at)
       SELECT x.id, d.id, d.process_id, 'active', '{"note":"start"}', 1, now()
         FROM (SELECT id, process_id FROM wf_definition LIMIT 1) d, unnest($1::uuid[]) AS x(id)`,
      [[A, B]],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const saveBoth = () =>
    transactions.run(async (em) => {
      const writes = UnitOfWork.of(em)!;
      await writes.holdingLatest(async () => {
        writes.addLatest(`wf_instance ${A}`, 1, (since) =>
          instanceSaveStatement(stepped(A, 2), since),
        );
        writes.addLatest(`wf_instance ${B}`, 1, (since) =>
          instanceSaveStatement(stepped(B, 2), since),
        );
        writes.addLatest(`wf_instance ${A}`, 2, (since) =>
          instanceSaveStatement(stepped(A, 3, 'completed'), since),
        );
      });
    });

  it('writes each instance its latest state, over the version it was read at', async () => {
    await saveBoth();
    expect(await rowsOf()).toEqual([
      {
        id: A,
        version: 3,
        status: 'completed',
        note: 'step 3',
        ended_at: new Date('2026-03-02T01:00:00Z'),
      },
      { id: B, version: 2, status: 'active', note: 'step 2', ended_at: null },
    ]);
  });

  it('fails the transaction, naming the instance, when one of them was changed meanwhile', async () => {
    await t.db.query(`UPDATE wf_instance SET version = 5 WHERE id = $1`, [B]);
    await expect(saveBoth()).rejects.toMatchObject({
      driverError: { code: '40001', message: `Process instance ${B} was changed concurrently` },
    });
    expect((await rowsOf()).map((row: { version: number }) => row.version)).toEqual([1, 5]);
  });
});
