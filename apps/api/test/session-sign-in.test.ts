/**
 * QR sign-in (签到, issue 17 points 1–6) through the HTTP API on the embedded database (and on
 * PostgreSQL when DATABASE_URL is set): the window, the rotating signed code, the refusals, the
 * place check, 代签, lateness, the 签到表 and its .xlsx, the 有考勤 evidence and 200 members
 * signing in at once.
 */
import { JwtService } from '@nestjs/jwt';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSixHaves } from '../src/sessions/six-haves.js';
import { insertSession } from './support/session-fixture.js';
import { MonthlyCycleDriver } from './support/monthly-cycle.driver.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

const START = new Date('2026-03-20T06:30:00.000Z'); // 14:30 in Beijing
const MINUTE = 60_000;

interface CheckIn {
  already: boolean;
  signIn: {
    personId: string;
    name: string;
    late: boolean;
    method: string;
    placeStatus: string;
    distanceM: number | null;
    proxyByName: string | null;
    proxyReason: string | null;
  };
}
interface Sheet {
  expected: number;
  members: { id: string; name: string }[];
  signIns: CheckIn['signIn'][];
}
interface Code {
  open: boolean;
  code: string | null;
  path: string | null;
  rotatesAt: string | null;
}

describe('QR sign-in (签到)', () => {
  let t: TestApp;
  let session: string;
  let other: string;
  let d: MonthlyCycleDriver;

  beforeAll(async () => {
    t = await createTestApp({
      now: new Date(START.getTime() - 2 * 3600_000),
      app: { workflow: { jobExecutor: { enabled: false } } },
    });
    const unit = (code: string) => t.units[code]!;
    session = await insertSession(t.db, {
      branchId: unit('C1-B1'),
      committeeId: unit('C1'),
      month: '2026-03',
      scheduledAt: START,
    });
    other = await insertSession(t.db, {
      branchId: unit('C1-B2'),
      committeeId: unit('C1'),
      month: '2026-03',
      scheduledAt: START,
    });
    d = new MonthlyCycleDriver(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Signed in afresh whenever the clock has moved on (access tokens last 15 minutes). */
  const as = (username: string): Promise<Client> => d.as(username);
  const codeOf = async (id?: string, who?: Client) =>
    (
      await (who ?? (await as('branch_secretary')))
        .get(`/api/sessions/${id ?? session}/sign-in-code`)
        .expect(200)
    ).body as Code;
  const sheet = async () =>
    (await (await as('branch_secretary')).get(`/api/sessions/${session}/sign-ins`).expect(200))
      .body as Sheet;

  it('outside the window the screen shows no code and a sign-in is refused', async () => {
    // two hours before the start: the window opens 30 minutes before it
    expect(await codeOf()).toMatchObject({ open: false, code: null, path: null });
    // at 14:00 the window opens; the secretary then moves its opening to 14:10
    t.clock.set(new Date(START.getTime() - 30 * MINUTE));
    const { code } = await codeOf();
    expect(code).not.toBeNull();
    await (
      await as('branch_secretary')
    )
      .put(`/api/sessions/${session}/sign-in-settings`)
      .send({ opensBeforeMin: 20, durationMin: 180, lateAfterMin: 0 })
      .expect(200);
    const res = await (await as('member')).post(`/api/sessions/${session}/check-in`).send({ code });
    expect(res.status).toBe(409);
    expect((res.body as { detail: string }).detail).toMatch(
      /^不在签到时间内（2026-03-20 14:10 至 2026-03-20 17:30）$/,
    );
  });

  it('the screen shows a signed code that changes every 20 seconds, opening the check-in page', async () => {
    t.clock.set(new Date(START.getTime() - 10 * MINUTE));
    const first = await codeOf();
    expect(first.open).toBe(true);
    expect(first.path).toBe(
      `/sessions/${session}/check-in?code=${encodeURIComponent(first.code!)}`,
    );
    t.clock.advance(20_000);
    const second = await codeOf();
    expect(second.code).not.toBe(first.code);
    expect(new Date(second.rotatesAt!).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(
      20_000,
    );
    // only the branch's officers run the screen
    await (await as('member')).get(`/api/sessions/${session}/sign-in-code`).expect(403);
  });

  it('a member signs in with a fresh code, once, before the start: present', async () => {
    const { code } = await codeOf();
    const res = await (
      await as('member')
    )
      .post(`/api/sessions/${session}/check-in`)
      .send({ code })
      .expect(200);
    const body = res.body as CheckIn;
    expect(body.already).toBe(false);
    expect(body.signIn).toMatchObject({
      name: '赵思远',
      late: false,
      method: 'qr',
      placeStatus: 'none',
    });
    // scanning again keeps the first sign-in
    t.clock.advance(5_000);
    const again = (
      await (
        await as('member')
      )
        .post(`/api/sessions/${session}/check-in`)
        .send({ code })
        .expect(200)
    ).body as CheckIn;
    expect(again.already).toBe(true);
    const { signIns, expected } = await sheet();
    expect(signIns.map((s) => s.name)).toEqual(['赵思远']);
    expect(expected).toBeGreaterThan(1);
  });

  it('an expired code (a screenshot forwarded later) is refused with a clear message', async () => {
    const { code } = await codeOf();
    t.clock.advance(61_000);
    const m001 = await as('m001');
    const res = await m001.post(`/api/sessions/${session}/check-in`).send({ code });
    expect(res.status).toBe(410);
    expect((res.body as { detail: string }).detail).toBe(
      '签到码已过期，请扫描现场屏幕上的最新二维码',
    );
    // in English on request
    const en = await m001
      .post(`/api/sessions/${session}/check-in`)
      .set('Accept-Language', 'en')
      .send({ code });
    expect((en.body as { detail: string }).detail).toMatch(/expired/);
  });

  it('a code of another session, a forged code and an access token are refused', async () => {
    const m001 = await as('m001');
    const { code: otherCode } = await codeOf(other, await as('c1b2_secretary'));
    const wrong = await m001.post(`/api/sessions/${session}/check-in`).send({ code: otherCode });
    expect(wrong.status).toBe(400);
    expect((wrong.body as { detail: string }).detail).toBe('该签到码不属于本次组织生活');

    const { code } = await codeOf();
    const [head, payload] = code!.split('.');
    const forged = `${head}.${payload}.${'A'.repeat(43)}`;
    const bad = await m001.post(`/api/sessions/${session}/check-in`).send({ code: forged });
    expect(bad.status).toBe(400);
    expect((bad.body as { detail: string }).detail).toBe('签到码无效，请扫描现场屏幕上的二维码');
    const token = (
      (await t.http().post('/api/auth/login').send({ username: 'm001', password: 'demo1234' }))
        .body as { accessToken: string }
    ).accessToken;
    await m001.post(`/api/sessions/${session}/check-in`).send({ code: token }).expect(400);
  });

  it('a member of another branch is refused', async () => {
    const { code } = await codeOf();
    const res = await (await as('m020')).post(`/api/sessions/${session}/check-in`).send({ code });
    expect(res.status).toBe(403);
    expect((res.body as { detail: string }).detail).toBe('您不是本支部党员，不能在此签到');
  });

  it('a member who logs in first uses a pass got with the fresh code; the pass ends after 5 minutes', async () => {
    const { code } = await codeOf();
    const passRes = await t
      .http()
      .post(`/api/sessions/${session}/check-in/pass`)
      .send({ code })
      .expect(200);
    const { pass } = passRes.body as { pass: string };
    // two minutes typing the password: the code has expired, the pass has not
    t.clock.advance(2 * MINUTE);
    const m001 = await as('m001');
    await m001.post(`/api/sessions/${session}/check-in`).send({ code }).expect(410);
    const ok = (await m001.post(`/api/sessions/${session}/check-in`).send({ pass }).expect(200))
      .body as CheckIn;
    expect(ok.already).toBe(false);
    t.clock.advance(4 * MINUTE);
    const m002 = await as('m002');
    await m002.post(`/api/sessions/${session}/check-in`).send({ pass }).expect(410);
    // a stale code gets no pass
    await t.http().post(`/api/sessions/${session}/check-in/pass`).send({ code }).expect(410);
  });

  it('after the start and the grace minutes a sign-in is marked late', async () => {
    await (
      await as('branch_secretary')
    )
      .put(`/api/sessions/${session}/sign-in-settings`)
      .send({ opensBeforeMin: 30, durationMin: 180, lateAfterMin: 5 })
      .expect(200);
    t.clock.set(new Date(START.getTime() + 4 * MINUTE));
    const m002 = await as('m002');
    const onTime = (
      await m002
        .post(`/api/sessions/${session}/check-in`)
        .send({ code: (await codeOf()).code })
        .expect(200)
    ).body as CheckIn;
    expect(onTime.signIn.late).toBe(false);
    t.clock.set(new Date(START.getTime() + 6 * MINUTE));
    const m003 = await as('m003');
    const late = (
      await m003
        .post(`/api/sessions/${session}/check-in`)
        .send({ code: (await codeOf()).code })
        .expect(200)
    ).body as CheckIn;
    expect(late.signIn.late).toBe(true);
  });

  it('with venue coordinates the place is checked: far refused, declined flagged then confirmed', async () => {
    // the venue: 100 m around a point
    const venue = { latitude: 40.0, longitude: 116.3, radiusM: 100 };
    const set = await (
      await as('branch_secretary')
    )
      .put(`/api/sessions/${session}/sign-in-settings`)
      .send({ opensBeforeMin: 30, durationMin: 180, lateAfterMin: 5, venue })
      .expect(200);
    expect((set.body as { venue: unknown }).venue).toEqual(venue);
    // a bad venue is refused naming the field
    const bad = await (
      await as('branch_secretary')
    )
      .put(`/api/sessions/${session}/sign-in-settings`)
      .send({
        opensBeforeMin: 30,
        durationMin: 180,
        lateAfterMin: 5,
        venue: { ...venue, latitude: 91 },
      });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('venue.latitude');

    const m004 = await as('m004');
    const m005 = await as('m005');
    const m006 = await as('m006');
    const info = (await m004.get(`/api/sessions/${session}/check-in`).expect(200)).body as {
      placeCheck: boolean;
      mine: unknown;
    };
    expect(info).toMatchObject({ placeCheck: true, mine: null });

    const code = (await codeOf()).code;
    const none = await m004.post(`/api/sessions/${session}/check-in`).send({ code });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('"field":"location"');
    // about 1.1 km north
    const far = await m004
      .post(`/api/sessions/${session}/check-in`)
      .send({ code, latitude: 40.01, longitude: 116.3 });
    expect(far.status).toBe(422);
    expect((far.body as { detail: string }).detail).toBe('您距会场约1112米，超出100米的签到范围');
    // about 56 m away
    const near = (
      await m004
        .post(`/api/sessions/${session}/check-in`)
        .send({ code, latitude: 40.0005, longitude: 116.3 })
        .expect(200)
    ).body as CheckIn;
    expect(near.signIn).toMatchObject({ placeStatus: 'verified', distanceM: 56 });

    const declined = (
      await m005
        .post(`/api/sessions/${session}/check-in`)
        .send({ code, declineLocation: true })
        .expect(200)
    ).body as CheckIn;
    expect(declined.signIn).toMatchObject({ placeStatus: 'declined', distanceM: null });
    // only the secretary confirms, and only a declined one
    await m006
      .post(`/api/sessions/${session}/sign-ins/${declined.signIn.personId}/confirm-place`)
      .expect(403);
    const confirmed = (
      await (
        await as('branch_secretary')
      )
        .post(`/api/sessions/${session}/sign-ins/${declined.signIn.personId}/confirm-place`)
        .expect(200)
    ).body as CheckIn['signIn'];
    expect(confirmed.placeStatus).toBe('confirmed');
    await (
      await as('branch_secretary')
    )
      .post(`/api/sessions/${session}/sign-ins/${near.signIn.personId}/confirm-place`)
      .expect(404);
  });

  it('the secretary signs a member in by hand with a reason (代签), recorded as such', async () => {
    const { members, signIns } = await sheet();
    const away = members.find((m) => !signIns.some((s) => s.personId === m.id))!;
    const noReason = await (
      await as('branch_secretary')
    )
      .post(`/api/sessions/${session}/sign-ins`)
      .send({ personId: away.id, reason: ' ' });
    expect(noReason.status).toBe(400);
    const outsider = await (
      await as('branch_secretary')
    )
      .post(`/api/sessions/${session}/sign-ins`)
      .send({ personId: t.people['m020'], reason: '手机没电' });
    expect(outsider.status).toBe(400);
    expect(JSON.stringify(outsider.body)).toContain('该人员不是本支部党员');
    // a member cannot 代签
    await (
      await as('member')
    )
      .post(`/api/sessions/${session}/sign-ins`)
      .send({ personId: away.id, reason: '手机没电' })
      .expect(403);
    const proxied = (
      await (
        await as('branch_secretary')
      )
        .post(`/api/sessions/${session}/sign-ins`)
        .send({ personId: away.id, reason: '手机没电' })
        .expect(200)
    ).body as CheckIn;
    expect(proxied.signIn).toMatchObject({
      method: 'proxy',
      proxyByName: '陈晓东',
      proxyReason: '手机没电',
      late: true,
    });
  });

  it('the 签到表 exports as .xlsx with every member, and counts as the 有考勤 evidence', async () => {
    const { signIns, expected } = await sheet();
    const res = await (
      await as('branch_secretary')
    )
      .get(`/api/sessions/${session}/sign-in-sheet.xlsx`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const ws = workbook.getWorksheet('签到表')!;
    expect(String(ws.getRow(2).getCell(3).value)).toBe(
      `应到 ${expected} 人，实到 ${signIns.length} 人`,
    );
    const rows = ws.getRows(4, expected)!.map((r) => r.values as unknown[]);
    expect(rows).toHaveLength(expected);
    expect(rows[0]).toEqual([
      undefined,
      1,
      '赵思远',
      '2026-03-20 14:20',
      '出席',
      '扫码签到',
      '',
      '',
      '—',
    ]);
    expect(
      rows.some(
        (r) => r[4] === '迟到' && r[5] === '代签' && r[6] === '陈晓东' && r[7] === '手机没电',
      ),
    ).toBe(true);
    expect(rows.some((r) => r[4] === '未签到')).toBe(true);
    // the members and the inspector do not read it
    await (await as('member')).get(`/api/sessions/${session}/sign-ins`).expect(403);
    await (await as('inspector')).get(`/api/sessions/${session}/sign-ins`).expect(403);

    // 有考勤: attendance rows and the sign-ins, without any photo or scanned sheet
    await t.db.query(
      `INSERT INTO session_attendance (session_id, person_id, status) SELECT $1, person_id, 'present' FROM session_sign_in WHERE session_id = $1`,
      [session],
    );
    const [check] = await checkSixHaves(t.db, [session]);
    expect(check!.have.attendance).toBe(true);
    const [without] = await checkSixHaves(t.db, [other]);
    expect(without!.have.attendance).toBe(false);
  });

  it('200 members signing in within one minute, each twice at once, are each kept exactly once', async () => {
    // given a branch of 200 members with accounts
    const branch = t.units['C2-B2']!;
    const people = await t.db.query<{ id: string }[]>(
      `INSERT INTO person (employee_no, name, org_unit_id, member_type)
       SELECT 'L' || lpad(n::text, 4, '0'), '党员' || n, $1, 'full' FROM generate_series(1, 200) n
       RETURNING id`,
      [branch],
    );
    await t.db.query(
      `INSERT INTO account (person_id, username) SELECT id, 'load_' || employee_no FROM person WHERE employee_no LIKE 'L%'`,
    );
    t.clock.set(new Date('2026-03-25T01:50:00.000Z'));
    const big = await insertSession(t.db, {
      branchId: branch,
      committeeId: t.units['C2']!,
      month: '2026-03',
      scheduledAt: new Date('2026-03-25T02:00:00.000Z'),
    });
    const { code } = await codeOf(big, await as('c2b2_secretary'));
    const jwt = t.app.get(JwtService);
    const iat = Math.floor(t.clock.now().getTime() / 1000);
    const server = t.app.getHttpServer() as Parameters<typeof supertest>[0];
    const clients = await Promise.all(
      people.map(async (p) => {
        const token = await jwt.signAsync({ sub: p.id, username: p.id, iat }, { expiresIn: 900 });
        return () =>
          supertest(server)
            .post(`/api/sessions/${big}/check-in`)
            .set('Authorization', `Bearer ${token}`)
            .send({ code });
      }),
    );
    // when every member's phone sends its sign-in twice, all 400 requests at once
    const started = Date.now();
    const responses = await Promise.all(clients.flatMap((send) => [send(), send()]));
    const elapsed = Date.now() - started;
    // then every request succeeded, within the minute, and each member is kept once
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(elapsed).toBeLessThan(60_000);
    expect(responses.filter((r) => !(r.body as CheckIn).already)).toHaveLength(200);
    const [{ count }] = (await t.db.query<{ count: string }[]>(
      `SELECT count(*)::text AS count FROM session_sign_in WHERE session_id = $1`,
      [big],
    )) as [{ count: string }];
    expect(count).toBe('200');
    const [{ distinct }] = (await t.db.query<{ distinct: string }[]>(
      `SELECT count(DISTINCT person_id)::text AS distinct FROM session_sign_in WHERE session_id = $1`,
      [big],
    )) as [{ distinct: string }];
    expect(distinct).toBe('200');
  }, 120_000);
});
