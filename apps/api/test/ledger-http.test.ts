import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Check {
  requirement: string;
  window: string;
  status: string;
  dueBy: string;
}
interface BranchRow {
  branchId: string;
  name: string;
  qualifiedSessions: number;
  shortfalls: Check[];
}

/** Reads a binary response body (supertest buffers text only by default). */
const binary = (
  res: { on(event: string, listener: (chunk: Buffer) => void): unknown },
  done: (err: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('ledger over HTTP: figures from the records, configurable requirements, .xlsx export, who sees what', () => {
  let t: TestApp;
  let od: Client;
  let branchName: string;

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-05-10T02:00:00Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    od = await t.login('od_admin');
    // Given one session of C1-B1 in March, as the session flow writes it: 3 segments, a theme day,
    // 党员大会 + 党课, an expert lecture, one speech and one report.
    const branch = t.units['C1-B1']!;
    // The university's units existed all year: the ledger counts a unit from its creation.
    await t.db.query(`UPDATE org_unit SET created_at = '2025-12-31T16:00:00Z'`);
    const [row] = await t.db.query<{ name: string }[]>(`SELECT name FROM org_unit WHERE id = $1`, [
      branch,
    ]);
    branchName = row!.name;
    const members = await t.db.query<{ id: string }[]>(
      `SELECT p.id FROM person p JOIN org_unit u ON u.id = p.org_unit_id
        WHERE u.path LIKE (SELECT path FROM org_unit WHERE id = $1) || '%' AND p.member_type IS NOT NULL
        ORDER BY p.employee_no LIMIT 2`,
      [branch],
    );
    const [a, b] = members.map((m) => m.id);
    const [plan] = await t.db.query<{ id: string }[]>(
      `INSERT INTO monthly_plan (branch_id, committee_id, month, status) VALUES ($1, $2, '2026-03', 'approved') RETURNING id`,
      [branch, t.units['C1']],
    );
    const [session] = await t.db.query<{ id: string }[]>(
      `INSERT INTO org_session (plan_id, branch_id, committee_id, month, scheduled_at, meeting_types, activity, status, held_at)
       VALUES ($1, $2, $3, '2026-03', '2026-03-20T06:30:00Z', '{member_assembly,party_lecture}',
               '{"kind":"theme_day","description":"重温入党誓词"}', 'closed', '2026-03-20T06:30:00Z') RETURNING id`,
      [plan!.id, branch, t.units['C1']],
    );
    const s = session!.id;
    for (const key of ['study', 'lecture', 'report']) {
      await t.db.query(
        `INSERT INTO session_segment (session_id, key, owner_id, record) VALUES ($1, $2, $3, 'r')`,
        [s, key, a],
      );
    }
    await t.db.query(
      `INSERT INTO session_attendance (session_id, person_id, status) VALUES ($1, $2, 'present')`,
      [s, a],
    );
    await t.db.query(
      `INSERT INTO session_attendance (session_id, person_id, status, reason) VALUES ($1, $2, 'absent', '未请假')`,
      [s, b],
    );
    await t.db.query(
      `INSERT INTO session_speech (session_id, person_id, topic) VALUES ($1, $2, '学习体会')`,
      [s, a],
    );
    await t.db.query(
      `INSERT INTO session_lecture (session_id, kind, speaker_name, title) VALUES ($1, 'expert', '外请专家', '专题党课')`,
      [s],
    );
    await t.db.query(
      `INSERT INTO session_report (session_id, person_id, kind, content) VALUES ($1, $2, 'task', '完成任务')`,
      [s, b],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const branchRow = async (who: Client) => {
    const res = await who
      .get('/api/ledger/branches')
      .query({ orgUnitId: t.units['C1-B1'] })
      .expect(200);
    return (res.body as { rows: BranchRow[] }).rows[0]!;
  };

  it('exports the ledger as an .xlsx workbook that parses back with the same figures', async () => {
    const res = await od
      .get('/api/ledger/export.xlsx')
      .query({ year: 2026 })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '党员',
      '支部',
      '二级党组织书记',
      '校领导',
      '短板',
    ]);

    const branches = book.getWorksheet('支部')!;
    expect(branches.rowCount).toBe(1 + 6);
    const header = branches.getRow(1).values as unknown[];
    const c1b1 = branches.getRows(2, 6)!.find((r) => r.getCell(1).value === branchName)!;
    const cell = (label: string) => c1b1.getCell(header.indexOf(label)).value;
    expect([
      cell('集中组织生活(≥3环节)'),
      cell('党员大会'),
      cell('党课'),
      cell('支委会'),
      cell('主题党日'),
      cell('专家党课'),
    ]).toEqual([1, 1, 1, 0, 1, 1]);

    const shortfalls = book.getWorksheet('短板')!;
    const rows = shortfalls
      .getRows(2, shortfalls.rowCount - 1)!
      .map((r) => (r.values as unknown[]).slice(1));
    expect(rows).toContainEqual([branchName, '支委会', '2026-01', 0, 1, '未完成', '2026-01-31']);
    expect(rows).toContainEqual([branchName, '支委会', '2026-05', 0, 1, '待完成', '2026-05-31']);
  });

  it('shows a branch’s shortfalls as missed or due by the end of the running period', async () => {
    const row = await branchRow(od);
    expect(row.qualifiedSessions).toBe(1);
    const monthly = row.shortfalls.filter((s) => s.requirement === 'branch.monthly_session');
    expect(monthly.map((s) => [s.window, s.status, s.dueBy])).toEqual([
      ['2026-01', 'missed', '2026-01-31'],
      ['2026-02', 'missed', '2026-02-28'],
      ['2026-04', 'missed', '2026-04-30'],
      ['2026-05', 'due', '2026-05-31'],
    ]);
  });

  it('lets OD make 党课 monthly, and the shortfalls follow; nobody else may', async () => {
    const secretary = await t.login('branch_secretary');
    await secretary
      .put('/api/ledger/requirements/branch.meeting.party_lecture')
      .send({ period: 'month', minCount: 1 })
      .expect(403);
    const quarterly = (await branchRow(od)).shortfalls.filter(
      (s) => s.requirement === 'branch.meeting.party_lecture',
    );
    expect(quarterly.map((s) => s.window)).toEqual(['2026-Q2']);

    await od
      .put('/api/ledger/requirements/branch.meeting.party_lecture')
      .send({ period: 'month', minCount: 1 })
      .expect(200);
    const monthly = (await branchRow(od)).shortfalls.filter(
      (s) => s.requirement === 'branch.meeting.party_lecture',
    );
    expect(monthly.map((s) => s.window)).toEqual(['2026-01', '2026-02', '2026-04', '2026-05']);
    const bad = await od
      .put('/api/ledger/requirements/branch.meeting.party_lecture')
      .send({ period: 'weekly', minCount: 1 })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('period');
  });

  it('shows OD every branch, a committee its branches, a branch its own, a member only their row', async () => {
    const rows = async (who: Client, query: object = {}) =>
      (
        (await who.get('/api/ledger/branches').query(query).expect(200)).body as {
          rows: BranchRow[];
        }
      ).rows.length;
    expect(await rows(od)).toBe(6);
    expect(await rows(await t.login('committee_secretary'))).toBe(3);
    const secretary = await t.login('branch_secretary');
    expect(await rows(secretary)).toBe(1);
    await secretary.get('/api/ledger/branches').query({ orgUnitId: t.units['C2'] }).expect(403);
    await secretary
      .get('/api/ledger/export.xlsx')
      .query({ orgUnitId: t.units['C2-B1'] })
      .expect(403);

    const member = await t.login('member');
    const own = (await member.get('/api/ledger/members').expect(200)).body as {
      rows: { personId: string }[];
    };
    expect(own.rows.map((r) => r.personId)).toEqual([t.people['member']]);
    await member.get('/api/ledger/branches').expect(403);
    await member.get('/api/ledger/export.xlsx').expect(403);
    await member.get('/api/ledger/members').query({ orgUnitId: t.units['C2-B1'] }).expect(403);
  });
});
