import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transactions } from '../src/database/transactions.js';
import { Journal } from '../src/workflow/history/journal.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe("a command's journal", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes history and audit rows in the order recorded, every value as given', async () => {
    const instanceId = randomUUID();
    const awkward = ['a,b', '{x}', 'say "hi"', "it's", 'back\\slash', '支部', 'NULL', ''];
    const journal = new Journal();
    journal.recordHistory(
      instanceId,
      awkward.map((text, i) => ({
        at: `2026-03-02T01:00:0${i}.000Z`,
        elementId: `E${i}`,
        elementType: 'userTask',
        elementInstanceId: text,
        kind: 'activated',
      })),
    );
    for (const text of awkward) {
      journal.recordAudit(new Date('2026-03-02T01:00:00Z'), {
        actor: 'system',
        action: 'test.recorded',
        instanceId,
        taskId: text,
        detail: { text, nested: { list: [text, null] } },
      });
    }
    journal.recordAudit(new Date('2026-03-02T01:00:00Z'), { actor: 'system', action: 'test.bare' });

    await t.app.get(Transactions).run(async (em) => journal.flush(em));

    const history = await t.db.query<{ element_instance_id: string; at: Date }[]>(
      `SELECT element_instance_id, at FROM wf_history WHERE instance_id = $1 ORDER BY id`,
      [instanceId],
    );
    expect(history.map((row) => row.element_instance_id)).toEqual(awkward);
    expect(history[3]!.at.toISOString()).toBe('2026-03-02T01:00:03.000Z');
    const audit = await t.db.query<{ task_id: string; detail: unknown }[]>(
      `SELECT task_id, detail FROM wf_audit WHERE instance_id = $1 ORDER BY id`,
      [instanceId],
    );
    expect(audit.map((row) => row.task_id)).toEqual(awkward);
    expect(audit.map((row) => row.detail)).toEqual(
      awkward.map((text) => ({ text, nested: { list: [text, null] } })),
    );
    const [bare] = await t.db.query<{ instance_id: string | null; detail: unknown }[]>(
      `SELECT instance_id, detail FROM wf_audit WHERE action = 'test.bare'`,
    );
    expect(bare).toEqual({ instance_id: null, detail: {} });
  });
});
