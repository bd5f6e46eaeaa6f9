import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

interface EventPage {
  items: {
    kind: string;
    actorUsername: string | null;
    subjectUsername: string | null;
    detail: string | null;
  }[];
  total: number;
}

describe('security events: what OD can query and export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (username: string, password = 'demo1234') =>
    t.http().post('/api/auth/login').send({ username, password });

  it('records sign-ins, failures and the lockout, and OD filters them by kind and text', async () => {
    await login('m012').expect(200);
    for (let i = 0; i < 5; i++) await login('m013', `wrong-${i}`).expect(401);
    await login('m013').expect(429);
    const od = await t.login('od_admin');
    const events = async (query: Record<string, string>) =>
      (await od.get('/api/security-events').query(query).expect(200)).body as EventPage;

    const signIns = await events({ kind: 'login_succeeded', q: 'm012' });
    expect(signIns.items).toEqual([expect.objectContaining({ subjectUsername: 'm012' })]);
    expect((await events({ kind: 'login_failed', q: 'm013' })).total).toBe(5);
    expect((await events({ kind: 'login_locked', q: 'm013' })).total).toBe(1);
  });

  it('records role grants and revocations with who did them', async () => {
    const od = await t.login('od_admin');
    const grant = (
      await od
        .post('/api/role-assignments')
        .send({ personId: t.people.m014, role: 'branch_committee', orgUnitId: t.units['C1-B1'] })
        .expect(201)
    ).body as { id: string };
    await od.delete(`/api/role-assignments/${grant.id}`).expect(204);
    const page = (await od.get('/api/security-events').query({ q: 'm014' }).expect(200))
      .body as EventPage;
    expect(page.items.map((e) => [e.kind, e.actorUsername, e.subjectUsername])).toEqual([
      ['role_revoked', 'od_admin', 'm014'],
      ['role_granted', 'od_admin', 'm014'],
    ]);
  });

  it('exports the filtered events as .xlsx and records the export itself', async () => {
    const od = await t.login('od_admin');
    const res = await od
      .get('/api/security-events/export.xlsx')
      .query({ kind: 'login_failed' })
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet('安全事件')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '时间',
      '事件',
      '操作人',
      '对象',
      'IP',
      '说明',
    ]);
    expect(sheet.rowCount).toBeGreaterThanOrEqual(6);
    expect(sheet.getRow(2).getCell(2).value).toBe('登录失败');
    const exports = (
      await od.get('/api/security-events').query({ kind: 'data_exported' }).expect(200)
    ).body as EventPage;
    expect(exports.items[0]).toMatchObject({
      actorUsername: 'od_admin',
      detail: expect.stringMatching(/安全事件/),
    });
  });

  it('answers only the Organization Department administrator', async () => {
    for (const username of ['committee_secretary', 'inspector', 'member']) {
      const client = await t.login(username);
      await client.get('/api/security-events').expect(403);
      await client.get('/api/security-events/export.xlsx').expect(403);
    }
    await t.http().get('/api/security-events').expect(401);
  });

  it('refuses a bad filter with 400 naming it', async () => {
    const od = await t.login('od_admin');
    const res = await od
      .get('/api/security-events')
      .query({ kind: 'nope', from: 'yesterday' })
      .expect(400);
    expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(
      ['from', 'kind'],
    );
  });
});
