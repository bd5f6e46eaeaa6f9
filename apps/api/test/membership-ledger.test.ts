import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Problem {
  detail: string;
  errors?: { field: string; message: string }[];
}
interface MemberRow {
  personId: string;
  branchId: string;
  since: string;
  until: string | null;
  exchangeSpeeches: number;
  attended: number;
  leaves: number;
  absences: number;
  shortfalls: { requirement: string; window: string; status: string }[];
}

async function roster(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow([
    '工号',
    '姓名',
    '性别',
    '手机号',
    '组织编码',
    '组织名称',
    '党员类别',
    '入党日期',
    '用户名',
  ]);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * From the officers' side: a member counts in the ledger only from the day they joined the
 * branch; a transfer (组织关系调转, or a roster import that moves someone) splits them by its
 * date, months before for the old branch and after for the new. The people were entered on
 * 5 January; the clock then runs to 20 March 2026.
 */
describe('membership history: the ledger counts a member from the day they joined', () => {
  let t: TestApp;
  let mover: { id: string; name: string };

  const rowsOf = async (who: Client, branch: string) =>
    (
      (await who.get('/api/ledger/members').query({ orgUnitId: t.units[branch] }).expect(200))
        .body as { rows: MemberRow[] }
    ).rows;

  /** A session held by `branch` on `day`, as the session flow records it. */
  async function held(branch: string, day: string, rows: [string, string][], speaker?: string) {
    const [plan] = await t.db.query<{ id: string }[]>(
      `INSERT INTO monthly_plan (branch_id, committee_id, month, status) VALUES ($1, $2, $3, 'approved') RETURNING id`,
      [t.units[branch], t.units['C1'], day.slice(0, 7)],
    );
    const [session] = await t.db.query<{ id: string }[]>(
      `INSERT INTO org_session (plan_id, branch_id, committee_id, month, scheduled_at, meeting_types, status, held_at, recorded_at)
       VALUES ($1, $2, $3, $4, $5, '{member_assembly}', 'closed', $5, $5) RETURNING id`,
      [plan!.id, t.units[branch], t.units['C1'], day.slice(0, 7), `${day}T06:30:00Z`],
    );
    for (const [personId, status] of rows) {
      await t.db.query(
        `INSERT INTO session_attendance (session_id, person_id, status, reason) VALUES ($1, $2, $3, $4)`,
        [session!.id, personId, status, status === 'present' ? null : '事由'],
      );
    }
    if (speaker) {
      await t.db.query(
        `INSERT INTO session_speech (session_id, person_id, topic) VALUES ($1, $2, '学习体会')`,
        [session!.id, speaker],
      );
    }
  }

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-01-05T01:00:00.000Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    await t.db.query(`UPDATE org_unit SET created_at = '2025-12-31T16:00:00Z'`);
    const [row] = await t.db.query<{ id: string; name: string }[]>(
      `SELECT p.id, p.name FROM person p JOIN account a ON a.person_id = p.id WHERE a.username = 'm003'`,
    );
    mover = row!;
    t.clock.set(new Date('2026-03-20T02:00:00.000Z'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a transfer is dated, not in the future nor before they joined, by someone managing both units', async () => {
    const committee = await t.login('committee_secretary');
    const post = (who: Client, body: object) =>
      who.post(`/api/people/${mover.id}/transfer`).send(body);
    let res = await post(committee, { orgUnitId: t.units['C1-B2'], transferredOn: '2026-03-21' });
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors).toEqual([
      { field: 'transferredOn', message: '调转日期不能晚于今天（2026-03-20）' },
    ]);
    res = await post(committee, { orgUnitId: t.units['C1-B2'], transferredOn: '2026-01-05' });
    expect((res.body as Problem).errors).toEqual([
      {
        field: 'transferredOn',
        message: `调转日期须晚于${mover.name}加入现组织的日期（2026-01-05）`,
      },
    ]);
    res = await post(committee, { orgUnitId: t.units['C1'], transferredOn: '2026-03-16' });
    expect((res.body as Problem).errors).toEqual([
      { field: 'orgUnitId', message: '请选择党支部或党小组' },
    ]);
    for (const who of ['c2_secretary', 'member']) {
      await post(await t.login(who), {
        orgUnitId: t.units['C1-B2'],
        transferredOn: '2026-03-16',
      }).expect(403);
    }
  });

  it('a transfer splits the member by its date: before for the old branch, after for the new', async () => {
    await held('C1-B1', '2026-02-20', [[mover.id, 'present']], mover.id);
    await held('C1-B2', '2026-03-18', [[mover.id, 'leave']]);
    const committee = await t.login('committee_secretary');
    const moved = await committee
      .post(`/api/people/${mover.id}/transfer`)
      .send({ orgUnitId: t.units['C1-B2'], transferredOn: '2026-03-16' })
      .expect(200);
    expect((moved.body as { orgUnitId: string }).orgUnitId).toBe(t.units['C1-B2']);

    const old = (await rowsOf(await t.login('branch_secretary'), 'C1-B1')).filter(
      (r) => r.personId === mover.id,
    );
    expect(old).toEqual([
      expect.objectContaining({
        since: '2026-01-05',
        until: '2026-03-16',
        exchangeSpeeches: 1,
        attended: 1,
        leaves: 0,
      }),
    ]);
    // The old branch answered for the months that ended before the transfer, and met them.
    expect(old[0]!.shortfalls).toEqual([]);
    const now = (await rowsOf(await t.login('c1b2_secretary'), 'C1-B2')).filter(
      (r) => r.personId === mover.id,
    );
    expect(now).toEqual([
      expect.objectContaining({
        branchId: t.units['C1-B2'],
        since: '2026-03-16',
        until: null,
        exchangeSpeeches: 0,
        attended: 0,
        leaves: 1,
      }),
    ]);
    // The year's speech was given in the old branch: it still counts for the member.
    expect(now[0]!.shortfalls.map((s) => s.requirement)).not.toContain('member.exchange_speech');
  });

  it('someone entered today counts from today; a roster import that moves a member splits them the same way', async () => {
    let od = await t.login('od_admin');
    const created = await od
      .post('/api/people')
      .send({
        employeeNo: 'T2026901',
        name: '新党员',
        orgUnitId: t.units['C1-B1'],
        memberType: 'probationary',
        joinedPartyOn: '2026-03-01',
      })
      .expect(201);
    const newcomer = (created.body as { id: string }).id;
    const rows = await rowsOf(od, 'C1-B1');
    const row = rows.find((r) => r.personId === newcomer)!;
    expect(row.since).toBe('2026-03-20');
    // January and February were before they joined: only the running windows are listed.
    expect(row.shortfalls.map((s) => [s.requirement, s.window])).toEqual([
      ['member.exchange_speech', '2026'],
      ['member.micro_lecture', '2026'],
      ['member.vanguard_comment', '2026-Q1'],
    ]);

    const import_ = await od
      .post('/api/roster/import')
      .attach(
        'file',
        await roster([['T2026901', '新党员', '', '', 'C1-B2', '', '预备党员', '2026-03-01', '']]),
        'roster.xlsx',
      )
      .expect(200);
    expect(import_.body).toMatchObject({ updated: 1 });
    t.clock.set(new Date('2026-03-25T02:00:00.000Z'));
    od = await t.login('od_admin');
    expect(
      (await rowsOf(od, 'C1-B1')).some((r) => r.personId === newcomer),
      'entered and moved on the same day: never counted for C1-B1',
    ).toBe(false);
    expect((await rowsOf(od, 'C1-B2')).find((r) => r.personId === newcomer)).toMatchObject({
      since: '2026-03-20',
      until: null,
    });
  });

  it('入党日期 is never in the future, in the person form or the roster', async () => {
    const od = await t.login('od_admin');
    const res = await od
      .post('/api/people')
      .send({
        employeeNo: 'T2026902',
        name: '未来党员',
        orgUnitId: t.units['C1-B1'],
        memberType: 'full',
        joinedPartyOn: '2026-04-01',
      })
      .expect(400);
    expect((res.body as Problem).errors).toEqual([
      { field: 'joinedPartyOn', message: '入党日期不能晚于今天（2026-03-25）' },
    ]);
    const sheet = await od
      .post('/api/roster/import')
      .attach(
        'file',
        await roster([['T2026903', '未来党员', '', '', 'C1-B1', '', '正式党员', '2027-07-01', '']]),
        'roster.xlsx',
      )
      .expect(400);
    expect(
      (sheet.body as { errors: { column: string; message: string }[] }).errors.map((e) => [
        e.column,
        e.message,
      ]),
    ).toEqual([['入党日期', '入党日期不能晚于今天（2026-03-25）']]);
  });
});
