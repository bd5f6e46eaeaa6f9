import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlyCycleDriver } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const MODEL = readFileSync(
  fileURLToPath(new URL('../../../workflows/vanguard-review.bpmn', import.meta.url)),
  'utf8',
);

/**
 * From OD's and a secretary's side: after OD deploys the quarterly 先锋创绩 flow with another
 * day, its run in a quarter that already has its round opens no second set of tasks (which could
 * never be opened: the round belongs to the first run); the secretary keeps one task that opens.
 */
describe('one vanguard round a quarter, whatever runs the flow twice', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-03-18T01:00:00.000Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    d = new MonthlyCycleDriver(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a second run in the quarter adds no tasks; the first run’s task still opens', async () => {
    await d.advanceTo('2026-03-20T02:00:00.000Z');
    const secretary = await d.as('branch_secretary');
    expect(await d.inbox(secretary, 'orglife:vanguard-comments')).toHaveLength(1);

    const xml = MODEL.replace('0 0 0 20 3,6,9,12 *', '0 0 0 21 3,6,9,12 *');
    expect(xml).not.toBe(MODEL);
    await (await d.as('od_admin')).post('/api/definitions').send({ xml }).expect(201);
    await d.advanceTo('2026-03-21T02:00:00.000Z');
    const runs = await t.db.query<{ status: string }[]>(
      `SELECT status FROM wf_instance WHERE process_id = 'vanguard-review' ORDER BY status`,
    );
    expect(runs.map((r) => r.status)).toEqual(['active', 'completed']);

    const again = await d.as('branch_secretary');
    const tasks = await d.inbox(again, 'orglife:vanguard-comments');
    expect(tasks).toHaveLength(1);
    await again.get(`/api/task-forms/${tasks[0]!.id}`).expect(200);
  });
});
