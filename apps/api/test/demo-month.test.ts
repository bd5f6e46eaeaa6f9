import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/config/server-config.js';
import { DemoMonth, demoSessionAt } from '../src/seed/demo-month.js';
import type { Client, TestApp } from './support/test-app.js';
import { createTestApp } from './support/test-app.js';

const NOW = new Date('2026-03-02T01:00:00.000Z'); // Monday 09:00 in Beijing
const MONTH = '2026-03';

interface Task {
  id: string;
  formKey: string | null;
  domainForm: boolean;
  variables: Record<string, unknown>;
}

/** Open tasks of one inbox tab, with their variables. */
async function tab(who: Client, name: 'mine' | 'claimable'): Promise<Task[]> {
  const page = await who.get('/api/tasks').query({ tab: name, pageSize: 100 }).expect(200);
  const items = (page.body as { items: { id: string }[] }).items;
  return Promise.all(
    items.map(async ({ id }) => (await who.get(`/api/tasks/${id}`).expect(200)).body as Task),
  );
}

const summary = (tasks: Task[]) =>
  tasks.map((task) => `${task.formKey ?? ''} ${String(task.variables['branchId'])}`).sort();

/** Boots with the demo university, the repository's workflows and the demo month, on `dataDir`. */
const boot = (dataDir: string) =>
  createTestApp({
    now: NOW,
    app: { dataDir, demoMonth: true, workflow: { jobExecutor: { enabled: false } } },
  });

describe('the demo month on a freshly seeded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orglife-demo-month-'));
  let t: TestApp;
  const unit = (code: string) => t.units[code]!;
  const countsOf = async (who: Client) =>
    (await who.get('/api/tasks/counts').expect(200)).body as { mine: number; claimable: number };

  beforeAll(async () => {
    t = await boot(dataDir);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("publishes the month's study content with both committees' arrangements", async () => {
    const member = await t.login('member');
    const contents = (await member.get('/api/study-contents').query({ month: MONTH }).expect(200))
      .body as { id: string; status: string }[];
    expect(contents.map((c) => c.status)).toEqual(['published']);
    const content = (await member.get(`/api/study-contents/${contents[0]!.id}`).expect(200))
      .body as { arrangements: { committeeId: string }[] };
    expect(content.arrangements.map((a) => a.committeeId).sort()).toEqual(
      [unit('C1'), unit('C2')].sort(),
    );
  });

  it('starts a plan for every branch; C1-B2 and C1-B3 submitted theirs, the rest are drafts', async () => {
    const od = await t.login('od_admin');
    const plans = (await od.get('/api/plans').query({ month: MONTH }).expect(200)).body as {
      branchId: string;
      status: string;
    }[];
    const byBranch = Object.fromEntries(plans.map((p) => [p.branchId, p.status]));
    expect(byBranch).toEqual({
      [unit('C1-B1')]: 'pending',
      [unit('C1-B2')]: 'submitted',
      [unit('C1-B3')]: 'submitted',
      [unit('C2-B1')]: 'pending',
      [unit('C2-B2')]: 'pending',
      [unit('D1')]: 'pending',
    });
  });

  it("leaves the plan draft of C1-B1 in branch_secretary's inbox (claimable)", async () => {
    const secretary = await t.login('branch_secretary');
    expect(await tab(secretary, 'mine')).toEqual([]);
    const claimable = await tab(secretary, 'claimable');
    expect(summary(claimable)).toEqual([`orglife:plan-draft ${unit('C1-B1')}`]);
    // the task says it opens a domain form (GET /api/task-forms/:id), no trial call needed
    expect(claimable.map((task) => task.domainForm)).toEqual([true]);
    expect(await countsOf(secretary)).toMatchObject({ mine: 0, claimable: 1 });
  });

  it("leaves the approvals of C1-B2 and C1-B3 in committee_secretary's inbox (claimable)", async () => {
    const committee = await t.login('committee_secretary');
    expect(await tab(committee, 'mine')).toEqual([]);
    expect(summary(await tab(committee, 'claimable'))).toEqual(
      [`orglife:plan-approval ${unit('C1-B2')}`, `orglife:plan-approval ${unit('C1-B3')}`].sort(),
    );
    expect(await countsOf(committee)).toMatchObject({ mine: 0, claimable: 2 });
  });

  it('shows a believable ledger: nothing missed before the university existed, only this period due', async () => {
    const od = await t.login('od_admin');
    type Row = { shortfalls: { status: string; window: string }[] };
    const rows = async (path: string) =>
      ((await od.get(path).query({ year: 2026 }).expect(200)).body as { rows: Row[] }).rows;
    const shortfalls = [
      ...(await rows('/api/ledger/branches')),
      ...(await rows('/api/ledger/members')),
    ].flatMap((r) => r.shortfalls);
    expect(shortfalls.filter((s) => s.status === 'missed')).toEqual([]);
    const current = new Set(['2026-03', '2026-Q1', '2026-H1', '2026']);
    expect(shortfalls.filter((s) => !current.has(s.window))).toEqual([]);
  });

  it('skips when the database already has workflow instances', async () => {
    const demoMonth = t.app.get(DemoMonth);
    expect(await demoMonth.hasInstances()).toBe(true);
    expect(await demoMonth.runIfNoInstances()).toBeNull();
    const contents = await t.db.query<unknown[]>(`SELECT id FROM study_content`);
    expect(contents).toHaveLength(1);
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'does not run again when the server restarts on the same data',
    async () => {
      const before = await t.db.query<unknown[]>(`SELECT id FROM wf_instance`);
      await t.close();
      t = await boot(dataDir);
      const after = await t.db.query<unknown[]>(`SELECT id FROM wf_instance`);
      expect(after).toHaveLength(before.length);
      expect(await countsOf(await t.login('committee_secretary'))).toMatchObject({
        claimable: 2,
      });
    },
  );
});

describe('demoSessionAt (when the demo plans hold their session)', () => {
  it('is 14:30 in Beijing on the 20th while the 20th is ahead', () => {
    expect(demoSessionAt(NOW, MONTH)?.toISOString()).toBe('2026-03-20T06:30:00.000Z');
  });

  it('is 14:30 in Beijing the next day once the 20th has passed', () => {
    const now = new Date('2026-03-25T20:00:00.000Z'); // 26 March, 04:00 in Beijing
    expect(demoSessionAt(now, MONTH)?.toISOString()).toBe('2026-03-27T06:30:00.000Z');
  });

  it('is null on the last day of the month', () => {
    const now = new Date('2026-03-31T02:00:00.000Z'); // 31 March, 10:00 in Beijing
    expect(demoSessionAt(now, MONTH)).toBeNull();
  });
});

describe('DEMO_MONTH (environment)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orglife-demo-env-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const demoMonthWith = (env: Record<string, string>) =>
    readEnv({ DATA_DIR: dataDir, ...env }).app.demoMonth;

  it('is on with the seed by default', () => {
    expect(demoMonthWith({})).toBe(true);
  });

  it('is off with DEMO_MONTH=false, and whenever SEED=false', () => {
    expect(demoMonthWith({ DEMO_MONTH: 'false' })).toBe(false);
    expect(demoMonthWith({ SEED: 'false' })).toBe(false);
  });
});
