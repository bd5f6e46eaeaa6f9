import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { deploy, WORKFLOW_TEST_APP } from './support/workflow-fixtures.js';

interface Item {
  id: string;
  orgUnitId: string;
  dueAt: string;
}

/** Drafts by org unit code and due day (March 2026); the clock stands at 2026-03-02T01:00Z. */
const DRAFTS: [string, string][] = [
  ['C1-B1', '05'],
  ['C1-B1', '01'],
  ['C1-B1', '10'],
  ['C1-B2', '03'],
  ['C1-B2', '08'],
  ['C2-B1', '04'],
];

describe('inbox', () => {
  let t: TestApp;
  let od: Client;
  let secretary: Client;
  let multiGroup: Client;
  let member: Client;
  const due = (day: string) => `2026-03-${day}T01:00:00.000Z`;

  beforeAll(async () => {
    t = await createTestApp({ app: WORKFLOW_TEST_APP });
    od = await t.login('od_admin');
    secretary = await t.login('branch_secretary');
    member = await t.login('member');
    // The organizer of C1 also acts as branch secretary of all of C1's branches: many groups.
    await t.db.query(
      `INSERT INTO role_assignment (person_id, role, org_unit_id) VALUES ($1, 'branch_secretary', $2)`,
      [t.people['organizer'], t.units['C1']],
    );
    multiGroup = await t.login('organizer');
    await deploy(od, 'wf-review');
    for (const [unit, day] of DRAFTS) {
      const orgUnitId = t.units[unit];
      await od
        .post('/api/instances')
        .send({ processId: 'wf_review', orgUnitId, variables: { orgUnitId, dueAt: due(day) } })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const dueDays = (items: Item[]) => items.map((i) => i.dueAt.slice(8, 10));

  it('merges the claimable tasks of all my groups in due order, page by page', async () => {
    const all = await multiGroup.get('/api/tasks?tab=claimable').expect(200);
    expect(all.body.total).toBe(5);
    expect(dueDays(all.body.items)).toEqual(['01', '03', '05', '08', '10']);

    const pages = await Promise.all(
      [1, 2, 3].map((page) => multiGroup.get(`/api/tasks?tab=claimable&pageSize=2&page=${page}`)),
    );
    expect(pages.map((p) => dueDays(p.body.items))).toEqual([['01', '03'], ['05', '08'], ['10']]);
    expect(pages.every((p) => p.body.total === 5)).toBe(true);

    const reversed = await multiGroup.get('/api/tasks?tab=claimable&sort=-dueAt').expect(200);
    expect(dueDays(reversed.body.items)).toEqual(['10', '08', '05', '03', '01']);
  });

  it('offers a branch secretary only the tasks of their own branch', async () => {
    const res = await secretary.get('/api/tasks?tab=claimable').expect(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.every((i: Item) => i.orgUnitId === t.units['C1-B1'])).toBe(true);
    const other = await (
      await t.login('c2b1_secretary')
    )
      .get('/api/tasks?tab=claimable')
      .expect(200);
    expect(dueDays(other.body.items)).toEqual(['04']);
    const nothing = await member.get('/api/tasks/counts').expect(200);
    expect(nothing.body).toEqual({ mine: 0, claimable: 0, done: 0, capped: [] });
  });

  it('filters by org unit subtree, process, overdue and due date', async () => {
    const b2 = await multiGroup
      .get(`/api/tasks?tab=claimable&orgUnitId=${t.units['C1-B2']}`)
      .expect(200);
    expect(dueDays(b2.body.items)).toEqual(['03', '08']);
    const c1 = await multiGroup
      .get(`/api/tasks?tab=claimable&orgUnitId=${t.units['C1']}`)
      .expect(200);
    expect(c1.body.total).toBe(5);
    const overdue = await multiGroup.get('/api/tasks?tab=claimable&overdue=true').expect(200);
    expect(dueDays(overdue.body.items)).toEqual(['01']);
    const before = await multiGroup
      .get(`/api/tasks?tab=claimable&dueBefore=${encodeURIComponent(due('06'))}`)
      .expect(200);
    expect(dueDays(before.body.items)).toEqual(['01', '03', '05']);
    const otherProcess = await multiGroup
      .get('/api/tasks?tab=claimable&processId=nope')
      .expect(200);
    expect(otherProcess.body).toEqual({ items: [], total: 0, totalCapped: false });
    const counts = await multiGroup.get('/api/tasks/counts?overdue=true').expect(200);
    expect(counts.body).toEqual({ mine: 0, claimable: 1, done: 0, capped: [] });
  });

  it('moves a task from claimable to mine on claim and to done on completion, with counts per tab', async () => {
    const claimable = await secretary.get('/api/tasks?tab=claimable').expect(200);
    const task = (claimable.body.items as Item[]).find((i) => i.dueAt === due('05'))!;
    const claimed = await secretary.post(`/api/tasks/${task.id}/claim`).expect(200);
    // a task without a domain form is completed with plain variables
    expect(claimed.body).toMatchObject({ id: task.id, domainForm: false });

    expect((await secretary.get('/api/tasks/counts').expect(200)).body).toEqual({
      mine: 1,
      claimable: 2,
      done: 0,
      capped: [],
    });
    const mine = await secretary.get('/api/tasks?tab=mine').expect(200);
    expect(mine.body.items.map((i: Item) => i.id)).toEqual([task.id]);
    const groupView = await multiGroup.get('/api/tasks?tab=claimable').expect(200);
    expect(dueDays(groupView.body.items)).toEqual(['01', '03', '08', '10']);

    await secretary.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
    expect((await secretary.get('/api/tasks/counts').expect(200)).body).toEqual({
      mine: 0,
      claimable: 2,
      done: 1,
      capped: [],
    });
    const done = await secretary.get('/api/tasks?tab=done').expect(200);
    expect(done.body.items).toEqual([
      expect.objectContaining({ id: task.id, status: 'completed' }),
    ]);
  });

  it('counts a tab up to 1000 tasks and says when it holds more', async () => {
    const [instance] = await t.db.query<{ id: string; definition_id: string }[]>(
      `SELECT id, definition_id FROM wf_instance LIMIT 1`,
    );
    const unit = t.units['C2-B2'];
    await t.db.query(
      `INSERT INTO wf_task (id, instance_id, definition_id, process_id, element_id, org_unit_id, status, created_at, due_at)
       SELECT 'bulk-' || i, $1, $2, 'wf_bulk', 'Bulk', $3, 'open', now(), now() + i * interval '1 hour'
         FROM generate_series(1, 1001) i`,
      [instance!.id, instance!.definition_id, unit],
    );
    await t.db.query(
      `INSERT INTO wf_task_candidate (task_id, grantee, due_at, created_at, priority, process_id, org_unit_id)
       SELECT id, 'branch_secretary@' || $1, due_at, created_at, 50, process_id, org_unit_id
         FROM wf_task WHERE process_id = 'wf_bulk'`,
      [unit],
    );
    const c2b2 = await t.login('c2b2_secretary');
    const counts = await c2b2.get('/api/tasks/counts').expect(200);
    expect(counts.body).toEqual({ mine: 0, claimable: 1000, done: 0, capped: ['claimable'] });
    const page = await c2b2.get('/api/tasks?tab=claimable&pageSize=3').expect(200);
    expect(page.body).toMatchObject({ total: 1000, totalCapped: true });
    expect(page.body.items.map((i: Item) => i.id)).toEqual(['bulk-1', 'bulk-2', 'bulk-3']);
    const filtered = await c2b2.get('/api/tasks?tab=claimable&processId=wf_review').expect(200);
    expect(filtered.body).toMatchObject({ total: 0, totalCapped: false });
  });

  it('names the bad query parameter', async () => {
    const res = await secretary.get('/api/tasks?tab=everything&pageSize=1000').expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'pageSize',
      'tab',
    ]);
  });
});
