/**
 * The bell's event stream from a browser (issue 17 point 8): EventSource cannot send the
 * Authorization header, so POST /api/auth/stream-ticket sets a short-lived, httpOnly,
 * SameSite=Strict cookie sent to the stream alone. The ticket opens the stream and nothing else,
 * is no access token, ends with its session and after a minute.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('stream tickets', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Signs in; answers the access token and the refresh cookie. */
  async function signIn(username: string) {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo1234' }),
    });
    const { accessToken } = (await response.json()) as { accessToken: string };
    return { accessToken, refreshCookie: response.headers.getSetCookie()[0]!.split(';')[0]! };
  }

  /** Asks for a ticket with the access token; answers its Set-Cookie header. */
  async function ticket(accessToken: string): Promise<string> {
    const response = await fetch(`${base}/api/auth/stream-ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(response.status).toBe(204);
    const [cookie] = response.headers.getSetCookie();
    return cookie!;
  }

  /** Opens the stream with only the cookie; answers the status and, when open, the first chunk. */
  async function openStream(cookie: string) {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/notifications/stream`, {
      headers: { Cookie: cookie, Accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (response.status !== 200) return { status: response.status, first: '' };
    const { value } = await response.body!.getReader().read();
    controller.abort();
    return { status: 200, first: new TextDecoder().decode(value) };
  }

  it('is an httpOnly, SameSite=Strict cookie for the stream path, living a minute', async () => {
    const { accessToken } = await signIn('member');
    const cookie = await ticket(accessToken);
    expect(cookie).toMatch(/^orglife_stream=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toContain('Max-Age=60');
    expect(cookie).toContain('Path=/api/notifications/stream');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('opens the event stream without an Authorization header', async () => {
    const { accessToken } = await signIn('member');
    const cookie = (await ticket(accessToken)).split(';')[0]!;
    const opened = await openStream(cookie);
    expect(opened.status).toBe(200);
    expect(opened.first).toMatch(/^event: unread\ndata: \{"unread":\d+\}\n\n$/);
  });

  it('asking for one needs an access token', async () => {
    const response = await fetch(`${base}/api/auth/stream-ticket`, { method: 'POST' });
    expect(response.status).toBe(401);
  });

  it('is refused as an access token and on any other route', async () => {
    const { accessToken } = await signIn('member');
    const cookie = (await ticket(accessToken)).split(';')[0]!;
    const value = cookie.slice(cookie.indexOf('=') + 1);
    const asBearer = await fetch(`${base}/api/notifications/unread-count`, {
      headers: { Authorization: `Bearer ${value}` },
    });
    expect(asBearer.status).toBe(401);
    const asBearerOnStream = await fetch(`${base}/api/notifications/stream`, {
      headers: { Authorization: `Bearer ${value}` },
    });
    expect(asBearerOnStream.status).toBe(401);
    const asCookie = await fetch(`${base}/api/notifications/unread-count`, {
      headers: { Cookie: cookie },
    });
    expect(asCookie.status).toBe(401);
  });

  it('an access token is no ticket, and no cookie opens nothing', async () => {
    const { accessToken } = await signIn('member');
    expect((await openStream(`orglife_stream=${accessToken}`)).status).toBe(401);
    expect((await openStream('')).status).toBe(401);
  });

  it('expires after a minute', async () => {
    const { accessToken } = await signIn('member');
    const cookie = (await ticket(accessToken)).split(';')[0]!;
    t.clock.advance(61_000);
    const opened = await openStream(cookie);
    expect(opened.status).toBe(401);
  });

  it('ends with its sign-in session', async () => {
    const { accessToken, refreshCookie } = await signIn('branch_secretary');
    const cookie = (await ticket(accessToken)).split(';')[0]!;
    const logout = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { Cookie: refreshCookie },
    });
    expect(logout.status).toBe(204);
    expect((await openStream(cookie)).status).toBe(401);
  });
});
