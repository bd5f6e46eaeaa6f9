/**
 * The spot-check sample rate and the look-back delay are defaults in the models: deploying a
 * changed spot-check or follow-up flow changes new draws and new look-backs, with no code change.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlyCycleDriver } from './support/monthly-cycle.driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const model = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../workflows/${name}.bpmn`, import.meta.url)), 'utf8');

/** Replaces the one occurrence of `from`; fails if the model no longer has it exactly once. */
function replaceOnce(xml: string, from: string, to: string): string {
  expect(xml.split(from)).toHaveLength(2);
  return xml.replace(from, to);
}

describe('supervision defaults come from the deployed models', () => {
  let t: TestApp;
  let d: MonthlyCycleDriver;

  beforeAll(async () => {
    t = await createTestApp({ app: { workflow: { jobExecutor: { enabled: false } } } });
    d = new MonthlyCycleDriver(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A regular draw of `month` (one a month). */
  const draw = async (seed: number, month: string) => {
    const od = await d.as('od_admin');
    await od.post('/api/spot-checks').send({ seed, month }).expect(201);
    await d.drain();
    const batches = (await od.get('/api/spot-checks').expect(200)).body as {
      seed: number;
      sampleRate: number;
      sampledBranchIds: string[];
    }[];
    return batches.find((b) => b.seed === seed)!;
  };

  it('draws with the sample rate the deployed spot-check model sets', async () => {
    const before = await draw(1, '2026-02');
    expect(before.sampleRate).toBe(0.1);
    expect(before.sampledBranchIds).toHaveLength(3);

    const xml = replaceOnce(
      model('spot-check'),
      'then 0.1 else sampleRate',
      'then 1 else sampleRate',
    );
    await (await d.as('od_admin')).post('/api/definitions').send({ xml }).expect(201);
    const all = await draw(2, '2026-01');
    expect(all.sampleRate).toBe(1);
    expect(all.sampledBranchIds).toHaveLength(6);
  });

  it('schedules the look-back after the delay the deployed follow-up model sets', async () => {
    const xml = replaceOnce(model('follow-up'), '&quot;P30D&quot;', '&quot;P7D&quot;');
    await (await d.as('od_admin')).post('/api/definitions').send({ xml }).expect(201);

    // a self-found problem (自查) runs the same rectification flow
    const branchId = t.units['C1-B1']!;
    const secretary = await d.as('branch_secretary');
    const opened = await secretary
      .post('/api/rectifications')
      .send({
        branchId,
        title: '发言准备不足',
        description: '自查发现',
        severity: 'low',
        dueDate: '2026-04-30',
      })
      .expect(201);
    const id = (opened.body as { id: string; source: string }).id;
    await d.drain();
    await d.submit(
      secretary,
      (await d.taskFor(secretary, 'orglife:rectification-plan', branchId)).id,
      { plan: '提前布置发言' },
    );
    const committee = await d.as('committee_secretary');
    await d.submit(
      committee,
      (await d.taskFor(committee, 'orglife:rectification-plan-review', branchId)).id,
      { approved: true },
    );
    await d.submit(
      secretary,
      (await d.taskFor(secretary, 'orglife:rectification-evidence', branchId)).id,
      { evidence: '已落实' },
    );
    const od = await d.as('od_admin');
    await d.submit(
      od,
      (await d.taskFor(od, 'orglife:rectification-evidence-review', branchId)).id,
      { approved: true },
    );

    const item = (await od.get(`/api/rectifications/${id}`).expect(200)).body as {
      rectification: { source: string; status: string; followUpAt: string };
    };
    expect(item.rectification).toMatchObject({ source: 'self_found', status: 'closed' });
    const closedAt = t.clock.now().getTime();
    expect(new Date(item.rectification.followUpAt).getTime() - closedAt).toBe(7 * 24 * 3600_000);
    await d.advance(7 * 24 * 3600_000);
    expect(await d.inbox(await d.as('inspector'), 'orglife:follow-up-check')).toHaveLength(1);
  });
});
