import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

interface MySession {
  sessionId: string;
  branchName: string;
  heldAt: string | null;
  attendance: string | null;
  leaveReason: string | null;
  speeches: { topic: string }[];
  lectures: { kind: string; title: string }[];
  reports: { kind: string }[];
}
interface MyLedger {
  year: number;
  member: { personId: string; exchangeSpeeches: number; attended: number; reports: number } | null;
  committeeSecretary: { personId: string; lectures: number } | null;
  leader: { personId: string; lectures: number } | null;
}

describe('我的组织生活 and 我的台账: each person reads their own record, and only theirs', () => {
  let t: TestApp;
  let session: string;

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date('2026-05-10T02:00:00Z'),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    await t.db.query(`UPDATE org_unit SET created_at = '2025-12-31T16:00:00Z'`);
    // Given a closed March session of C1-B1 (as the session flow writes it): the member present
    // and speaking, m002 excused and reporting, the school leader giving a special lecture.
    const branch = t.units['C1-B1'];
    const [plan] = await t.db.query<{ id: string }[]>(
      `INSERT INTO monthly_plan (branch_id, committee_id, month, status) VALUES ($1, $2, '2026-03', 'approved') RETURNING id`,
      [branch, t.units['C1']],
    );
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO org_session (plan_id, branch_id, committee_id, month, scheduled_at, place, meeting_types, status, held_at)
       VALUES ($1, $2, $3, '2026-03', '2026-03-20T06:30:00Z', '党员活动室', '{member_assembly}', 'closed', '2026-03-20T06:30:00Z') RETURNING id`,
      [plan!.id, branch, t.units['C1']],
    );
    session = row!.id;
    const [member, other, leader, secretary] = [
      t.people['member'],
      t.people['m002'],
      t.people['leader'],
      t.people['committee_secretary'],
    ];
    await t.db.query(
      `INSERT INTO session_attendance (session_id, person_id, status, reason)
       VALUES ($1, $2, 'present', NULL), ($1, $3, 'leave', '出差')`,
      [session, member, other],
    );
    await t.db.query(
      `INSERT INTO session_speech (session_id, person_id, topic) VALUES ($1, $2, '学习体会')`,
      [session, member],
    );
    await t.db.query(
      `INSERT INTO session_report (session_id, person_id, kind, content) VALUES ($1, $2, 'thought', '思想汇报')`,
      [session, other],
    );
    await t.db.query(
      `INSERT INTO session_lecture (session_id, kind, speaker_id, title)
       VALUES ($1, 'leader', $2, '专题党课'), ($1, 'committee_secretary', $3, '书记党课')`,
      [session, leader, secretary],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a member their attendance and their speech, not the others’ rows', async () => {
    const member = await t.login('member');
    const res = await member.get('/api/sessions/mine').query({ year: 2026 }).expect(200);
    const body = res.body as { year: number; sessions: MySession[] };
    expect(body.year).toBe(2026);
    expect(body.sessions).toHaveLength(1);
    expect(body.sessions[0]).toMatchObject({
      sessionId: session,
      attendance: 'present',
      leaveReason: null,
      speeches: [{ topic: '学习体会' }],
      lectures: [],
      reports: [],
    });
    const ledger = (await member.get('/api/ledger/mine').query({ year: 2026 }).expect(200))
      .body as MyLedger;
    expect(ledger.member).toMatchObject({
      personId: t.people['member'],
      exchangeSpeeches: 1,
      attended: 1,
    });
    expect(ledger.leader).toBeNull();
    expect(ledger.committeeSecretary).toBeNull();
  });

  it('shows an excused member their 请假 with its reason and their report', async () => {
    const other = await t.login('m002');
    const body = (await other.get('/api/sessions/mine').query({ year: 2026 }).expect(200)).body as {
      sessions: MySession[];
    };
    expect(body.sessions[0]).toMatchObject({
      attendance: 'leave',
      leaveReason: '出差',
      speeches: [],
      reports: [{ kind: 'thought' }],
    });
  });

  it('gives a school leader and a committee secretary their own lecture rows', async () => {
    const [leader, secretary] = await t.loginAll('leader', 'committee_secretary');
    const mine = (await leader.get('/api/ledger/mine').query({ year: 2026 }).expect(200))
      .body as MyLedger;
    expect(mine.leader).toMatchObject({ personId: t.people['leader'], lectures: 1 });
    const lectured = (await leader.get('/api/sessions/mine').query({ year: 2026 }).expect(200))
      .body as { sessions: MySession[] };
    expect(lectured.sessions.find((s) => s.sessionId === session)?.lectures).toEqual([
      { kind: 'leader', title: '专题党课' },
    ]);
    const own = (await secretary.get('/api/ledger/mine').query({ year: 2026 }).expect(200))
      .body as MyLedger;
    expect(own.committeeSecretary).toMatchObject({
      personId: t.people['committee_secretary'],
      lectures: 1,
    });
    expect(own.leader).toBeNull();
  });

  it('shows someone of another committee nothing of this branch, and checks the year', async () => {
    const c2 = await t.login('c2_secretary');
    const body = (await c2.get('/api/sessions/mine').query({ year: 2026 }).expect(200)).body as {
      sessions: MySession[];
    };
    expect(body.sessions.map((s) => s.sessionId)).not.toContain(session);
    const empty = (await (await t.login('member')).get('/api/sessions/mine').query({ year: 2025 }))
      .body as { sessions: MySession[] };
    expect(empty.sessions).toEqual([]);
    const bad = await c2.get('/api/sessions/mine').query({ year: 'x' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('year');
  });
});
