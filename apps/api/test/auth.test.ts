import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppOptions } from '../src/app.options.js';
import { LoginLimiter } from '../src/auth/login.limiter.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
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

  it('logs in with the demo password and returns an access and a refresh token', async () => {
    const res = await login('od_admin').expect(200);
    const body = res.body as Tokens;
    expect(body.expiresIn).toBe(900);
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(body.refreshToken.length).toBeGreaterThanOrEqual(40);
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

  it('rotates the refresh token, and reuse of a spent one revokes the whole family', async () => {
    const first = (await login('leader').expect(200)).body as Tokens;
    const second = (
      await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200)
    ).body as Tokens;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await t.http().get('/api/me').set('Authorization', `Bearer ${second.accessToken}`).expect(200);

    await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: second.refreshToken })
      .expect(401);
  });

  it('refuses an expired refresh token', async () => {
    const { refreshToken } = (await login('committee_deputy').expect(200)).body as Tokens;
    t.clock.advance(15 * 24 * 3600 * 1000);
    await t.http().post('/api/auth/refresh').send({ refreshToken }).expect(401);
  });

  it('logs out: the refresh token stops working; someone else’s token is not found', async () => {
    const mine = (await login('branch_committee').expect(200)).body as Tokens;
    const theirs = (await login('c2_secretary').expect(200)).body as Tokens;
    const auth = { Authorization: `Bearer ${mine.accessToken}` };
    await t
      .http()
      .post('/api/auth/logout')
      .set(auth)
      .send({ refreshToken: theirs.refreshToken })
      .expect(404);
    await t
      .http()
      .post('/api/auth/logout')
      .set(auth)
      .send({ refreshToken: mine.refreshToken })
      .expect(204);
    await t.http().post('/api/auth/refresh').send({ refreshToken: mine.refreshToken }).expect(401);
    await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: theirs.refreshToken })
      .expect(200);
  });

  it('changes the password: old one refused, new one works, other sessions signed out', async () => {
    const session = (await login('m002').expect(200)).body as Tokens;
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
    await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
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
    const elsewhere = new LoginLimiter(t.db, t.clock, { loginMaxFailures: 5 } as AppOptions);
    for (let i = 0; i < 4; i++) await elsewhere.recordFailure('m005', '10.0.0.9');
    await login('m005', 'wrong').expect(401);
    await login('m005').expect(429);
  });
});
