import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppOptions } from '../src/app.options.js';
import { LoginLimiter } from '../src/auth/login.limiter.js';
import { Transactions } from '../src/database/transactions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Tokens {
  accessToken: string;
  expiresIn: number;
  /** From the httpOnly cookie, as `orglife_refresh=…` ready for a Cookie header. */
  refreshCookie: string;
}

/** The access token from the body and the refresh token from its cookie. */
function tokensOf(res: { body: unknown; headers: Record<string, unknown> }): Tokens {
  const setCookie = ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
  const cookie = setCookie.find((c) => c.startsWith('orglife_refresh='));
  if (!cookie) throw new Error('no refresh cookie');
  return {
    ...(res.body as Omit<Tokens, 'refreshCookie'>),
    refreshCookie: cookie.split(';')[0] ?? '',
  };
}

describe('auth: local accounts, tokens, rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (username: string, password = 'demo1234') =>
    t.http().post('/api/auth/login').send({ username, password });

  it('logs in: an access token in the body, the refresh token only in an httpOnly, SameSite=Strict cookie for /api/auth', async () => {
    const res = await login('od_admin').expect(200);
    const body = res.body as Tokens;
    expect(body.expiresIn).toBe(900);
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(body).not.toHaveProperty('refreshToken');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toMatch(/^orglife_refresh=[\w-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/api\/auth(;|$)/);
    await t.http().get('/api/me').set('Authorization', `Bearer ${body.accessToken}`).expect(200);
  });

  it('refuses a wrong password and an unknown user alike with 401', async () => {
    const wrong = await login('organizer', 'not-the-password').expect(401);
    const unknown = await login('nobody-here').expect(401);
    expect(wrong.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect((unknown.body as { detail: string }).detail).toBe(
      (wrong.body as { detail: string }).detail,
    );
  });

  it('rejects a login without a username with 400 naming the field', async () => {
    const res = await t.http().post('/api/auth/login').send({ password: 'x' }).expect(400);
    expect(res.body).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'username' })]),
    });
  });

  it('rejects unknown body fields with 400 naming them', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'member', password: 'demo1234', admin: true })
      .expect(400);
    expect(res.body).toMatchObject({ errors: [expect.objectContaining({ field: 'admin' })] });
  });

  it('expires the access token after its lifetime on the injected clock', async () => {
    const { accessToken } = (await login('inspector').expect(200)).body as Tokens;
    const auth = { Authorization: `Bearer ${accessToken}` };
    await t.http().get('/api/me').set(auth).expect(200);
    t.clock.advance(901_000);
    await t.http().get('/api/me').set(auth).expect(401);
  });

  const refresh = (cookie: string) => t.http().post('/api/auth/refresh').set('Cookie', cookie);

  const me = (accessToken: string) =>
    t.http().get('/api/me').set('Authorization', `Bearer ${accessToken}`);

  it('rotates the refresh token, and reuse of a spent one ends the whole session, access tokens included', async () => {
    const first = tokensOf(await login('leader').expect(200));
    const second = tokensOf(await refresh(first.refreshCookie).expect(200));
    expect(second.refreshCookie).not.toBe(first.refreshCookie);
    await me(second.accessToken).expect(200);

    await refresh(first.refreshCookie).expect(401);
    await refresh(second.refreshCookie).expect(401);
    await me(second.accessToken).expect(401);
    await me(first.accessToken).expect(401);
  });

  it('refuses a refresh without the cookie, even with the refresh token in the body', async () => {
    const { refreshCookie } = tokensOf(await login('organizer').expect(200));
    await t.http().post('/api/auth/refresh').expect(401);
    await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: refreshCookie.split('=')[1] })
      .expect(401);
  });

  it('refuses an expired refresh token', async () => {
    const { refreshCookie } = tokensOf(await login('committee_deputy').expect(200));
    t.clock.advance(15 * 24 * 3600 * 1000);
    await refresh(refreshCookie).expect(401);
  });

  it('logs out: the cookie is cleared and the session ends, its access token too; others’ go on', async () => {
    const mine = tokensOf(await login('branch_committee').expect(200));
    const theirs = tokensOf(await login('c2_secretary').expect(200));
    const out = await t
      .http()
      .post('/api/auth/logout')
      .set('Cookie', mine.refreshCookie)
      .expect(204);
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? [])[0]).toMatch(
      /^orglife_refresh=;.*Expires=Thu, 01 Jan 1970/,
    );
    await refresh(mine.refreshCookie).expect(401);
    await me(mine.accessToken).expect(401);
    await me(theirs.accessToken).expect(200);
    await refresh(theirs.refreshCookie).expect(200);
  });

  it('changes the password: old one refused, new one works, every other session ends at once', async () => {
    const other = tokensOf(await login('m002').expect(200));
    const session = tokensOf(await login('m002').expect(200));
    const auth = { Authorization: `Bearer ${session.accessToken}` };
    await t
      .http()
      .post('/api/auth/password')
      .set(auth)
      .send({ oldPassword: 'wrong-one', newPassword: 'new-secret-1' })
      .expect(401);
    const short = await t
      .http()
      .post('/api/auth/password')
      .set(auth)
      .send({ oldPassword: 'demo1234', newPassword: 'short' })
      .expect(400);
    expect(short.body).toMatchObject({
      errors: [expect.objectContaining({ field: 'newPassword' })],
    });

    await t
      .http()
      .post('/api/auth/password')
      .set(auth)
      .send({ oldPassword: 'demo1234', newPassword: 'new-secret-1' })
      .expect(204);
    await login('m002').expect(401);
    await login('m002', 'new-secret-1').expect(200);
    await me(other.accessToken).expect(401);
    await refresh(other.refreshCookie).expect(401);
    await me(session.accessToken).expect(200);
    await refresh(session.refreshCookie).expect(200);
  });

  it('rate-limits logins per username: after 5 failures even the right password gets 429 until the window passes', async () => {
    for (let i = 0; i < 5; i++) await login('m003', `guess-${i}`).expect(401);
    const blocked = await login('m003').expect(429);
    expect(blocked.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    await login('m004').expect(200);

    t.clock.advance(15 * 60_000 + 1000);
    await login('m003').expect(200);
  });

  it('keeps the count in the database, so failures seen by another API process count here too', async () => {
    // another process: its own limiter, sharing only the database
    const elsewhere = new LoginLimiter(t.app.get(Transactions), t.clock, {
      loginMaxFailures: 5,
    } as AppOptions);
    for (let i = 0; i < 4; i++) await elsewhere.take('m005', '10.0.0.9');
    await login('m005', 'wrong').expect(401);
    await login('m005').expect(429);
  });

  it('checks only the allowed number of passwords when 30 wrong ones for one user arrive at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('m006', `parallel-guess-${i}`)),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
  });

  it('refuses an access token without an expiry although its signature is good', async () => {
    const forever = await t.app.get(JwtService).signAsync({ sub: t.people.m007, username: 'm007' });
    await t.http().get('/api/me').set('Authorization', `Bearer ${forever}`).expect(401);
  });

  it('refuses a new password that is short, common or contains the username, saying which rule', async () => {
    const client = await t.login('m008');
    const change = (newPassword: string) =>
      client.post('/api/auth/password').send({ oldPassword: 'demo1234', newPassword });
    const cases: [string, RegExp][] = [
      ['        ', /至少需要 10 个字符/],
      ['12345678', /至少需要 10 个字符/],
      ['1234567890', /过于常见/],
      ['Password123', /过于常见/],
      ['my-M008-secret', /不能包含用户名/],
    ];
    for (const [password, rule] of cases) {
      const res = await change(password).expect(400);
      expect(res.body).toMatchObject({
        errors: [{ field: 'newPassword', message: expect.stringMatching(rule) }],
      });
    }
    await login('m008').expect(200);
  });

  it('throttles wrong old passwords like logins', async () => {
    const client = await t.login('m009');
    for (let i = 0; i < 5; i++) {
      await client
        .post('/api/auth/password')
        .send({ oldPassword: `wrong-${i}`, newPassword: 'a-long-new-secret' })
        .expect(401);
    }
    await client
      .post('/api/auth/password')
      .send({ oldPassword: 'demo1234', newPassword: 'a-long-new-secret' })
      .expect(429);
    await login('m009').expect(429);
  });

  it('keeps usernames unique whatever their case', async () => {
    const od = await t.login('od_admin');
    const res = await od
      .post('/api/people')
      .send({
        employeeNo: 'CASE01',
        name: '重名',
        orgUnitId: t.units['C1-B1'],
        username: 'OD_Admin',
      })
      .expect(409);
    expect((res.body as { detail: string }).detail).toMatch(/用户名 OD_Admin 已被使用/);
    await expect(
      t.db.query(`UPDATE account SET username = 'M010' WHERE person_id = $1`, [t.people.m011]),
    ).rejects.toThrow(/unique|duplicate/i);
  });
});
