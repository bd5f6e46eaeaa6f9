import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

/** Reads the activation-code sheet: one `{ 工号, 姓名, 所在组织, 用户名, 激活码, 有效期至 }` per row. */
async function codeRows(body: Buffer): Promise<Record<string, string>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('激活码')!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    const values = (row.values as string[]).slice(1);
    rows.push(Object.fromEntries(header.map((name, i) => [name, String(values[i])])));
  });
  return rows;
}

const binary = (
  res: NodeJS.ReadableStream,
  done: (err: Error | null, body: unknown) => void,
): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('accounts for imported people: activation codes, deactivation', () => {
  let t: TestApp;
  let od: Client;
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    od = await t.login('od_admin'); // fresh: a test moves the clock past the token's life
  });
  afterAll(async () => {
    await t.close();
  });

  let serial = 0;
  const newPerson = async (unit = 'C1-B2') => {
    const employeeNo = `A${Date.now() % 100000}${++serial}`;
    const res = await od
      .post('/api/people')
      .send({ employeeNo, name: `新人${serial}`, orgUnitId: t.units[unit] })
      .expect(201);
    return { id: (res.body as { id: string }).id, employeeNo };
  };
  const exportCodes = (client: Client, unit: string) =>
    client
      .post(`/api/org-units/${t.units[unit]}/activation-codes`)
      .buffer(true)
      .parse(binary as never);
  const activate = (username: string, code: string, newPassword: string) =>
    t.http().post('/api/auth/activate').send({ username, code, newPassword });
  const login = (username: string, password: string) =>
    t.http().post('/api/auth/login').send({ username, password });

  it('exports codes for the unit’s not-yet-active people only; the code signs in once, with a new password', async () => {
    const first = await newPerson('C1-B3');
    const second = await newPerson('C1-B3');
    const people = await od.get('/api/people').query({ orgUnitId: t.units['C1-B3'], q: 'A' });
    expect((people.body as { items: { accountStatus: string }[] }).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ accountStatus: 'none' })]),
    );

    const rows = await codeRows((await exportCodes(od, 'C1-B3').expect(200)).body as Buffer);
    expect(rows.map((r) => r['工号']).sort()).toEqual([first.employeeNo, second.employeeNo].sort());
    const row = rows.find((r) => r['工号'] === first.employeeNo)!;
    expect(row).toMatchObject({ 用户名: first.employeeNo, 所在组织: expect.any(String) });
    expect(row['激活码']).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    const weak = await activate(first.employeeNo, row['激活码']!, 'password123').expect(400);
    expect(weak.body).toMatchObject({
      errors: [{ field: 'newPassword', message: expect.stringMatching(/常见/) }],
    });
    const done = await activate(
      first.employeeNo,
      row['激活码']!.toLowerCase(),
      'my own long secret',
    ).expect(200);
    expect(done.headers['set-cookie']?.[0]).toMatch(/^orglife_refresh=/);
    await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${(done.body as { accessToken: string }).accessToken}`)
      .expect(200);
    await activate(first.employeeNo, row['激活码']!, 'another long secret').expect(401);
    await login(first.employeeNo, 'my own long secret').expect(200);

    // stored hashed: the code itself is nowhere in the database
    const stored = await t.db.query<{ code_hash: string }[]>(
      `SELECT code_hash FROM activation_code`,
    );
    expect(
      stored.every((s) => s.code_hash.length === 64 && !s.code_hash.includes(row['激活码']!)),
    ).toBe(true);
    // the active person is not in the next export; the other one gets a fresh code
    const again = await codeRows((await exportCodes(od, 'C1-B3').expect(200)).body as Buffer);
    expect(again.map((r) => r['工号'])).toEqual([second.employeeNo]);
    await activate(
      second.employeeNo,
      rows.find((r) => r['工号'] === second.employeeNo)!['激活码']!,
      'my own long secret',
    ).expect(401);
  });

  it('refuses an expired code', async () => {
    const person = await newPerson();
    const { code, username } = (
      await od.post(`/api/people/${person.id}/activation-code`).expect(200)
    ).body as { code: string; username: string };
    t.clock.advance(15 * 24 * 3600_000);
    const res = await activate(username, code, 'my own long secret').expect(401);
    expect((res.body as { detail: string }).detail).toMatch(/已过期/);
  });

  it('lets OD and the person’s committee issue codes, not another committee or a branch secretary', async () => {
    const person = await newPerson('C1-B2');
    const [c1, c2, branch] = await t.loginAll(
      'committee_secretary',
      'c2_secretary',
      'c1b2_secretary',
    );
    await c1.post(`/api/people/${person.id}/activation-code`).expect(200);
    await c2.post(`/api/people/${person.id}/activation-code`).expect(403);
    await branch.post(`/api/people/${person.id}/activation-code`).expect(403);
    await exportCodes(c1, 'C1-B2').expect(200);
    await exportCodes(c2, 'C1-B2').expect(403);
    await exportCodes(branch, 'C1-B2').expect(403);
    await c2.post(`/api/people/${person.id}/deactivate`).expect(403);
  });

  it('resets an active person: the old password and sessions end, the new code works once', async () => {
    const session = await login('m015', 'demo1234').expect(200);
    const cookie = String(session.headers['set-cookie']?.[0]).split(';')[0]!;
    const { code } = (await od.post(`/api/people/${t.people.m015}/activation-code`).expect(200))
      .body as { code: string };
    await login('m015', 'demo1234').expect(401);
    await t.http().post('/api/auth/refresh').set('Cookie', cookie).expect(401);
    await activate('m015', code, 'a fresh long secret').expect(200);
  });

  it('throttles wrong codes like wrong passwords', async () => {
    const person = await newPerson();
    const { code, username } = (
      await od.post(`/api/people/${person.id}/activation-code`).expect(200)
    ).body as { code: string; username: string };
    for (let i = 0; i < 5; i++)
      await activate(username, `WRONG-CODE${i}`, 'my own long secret').expect(401);
    await activate(username, code, 'my own long secret').expect(429);
  });

  it('deactivating ends the person’s sessions and tokens at once; reactivating lets them sign in again', async () => {
    const session = await login('m016', 'demo1234').expect(200);
    const token = (session.body as { accessToken: string }).accessToken;
    const cookie = String(session.headers['set-cookie']?.[0]).split(';')[0]!;
    await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);

    await od.post(`/api/people/${t.people.m016}/deactivate`).expect(204);
    await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
    await t.http().post('/api/auth/refresh').set('Cookie', cookie).expect(401);
    await login('m016', 'demo1234').expect(401);
    const person = (await od.get(`/api/people/${t.people.m016}`).expect(200)).body as {
      accountStatus: string;
    };
    expect(person.accountStatus).toBe('deactivated');

    await od.post(`/api/people/${t.people.m016}/reactivate`).expect(204);
    await login('m016', 'demo1234').expect(200);
    await od.post(`/api/people/${t.people.od_admin}/deactivate`).expect(409);
  });

  it('a deleted person’s token stops working', async () => {
    const session = await login('m017', 'demo1234').expect(200);
    const token = (session.body as { accessToken: string }).accessToken;
    await t.db.query(`DELETE FROM person WHERE id = $1`, [t.people.m017]);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // ROLES_FRESH_MS
    await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('logs activations, code issues and deactivations as security events', async () => {
    const kinds = async (kind: string) =>
      ((await od.get('/api/security-events').query({ kind }).expect(200)).body as { total: number })
        .total;
    expect(await kinds('account_activated')).toBeGreaterThanOrEqual(2);
    expect(await kinds('activation_code_issued')).toBeGreaterThanOrEqual(4);
    expect(await kinds('account_deactivated')).toBe(1);
    expect(await kinds('account_reactivated')).toBe(1);
  });
});
