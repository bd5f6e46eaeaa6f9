import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityIn } from '../src/sso/cas.client.js';
import { readSsoEnv } from '../src/sso/sso-env.js';
import {
  CAMPUS_PASSWORD,
  startCasServer,
  type TestCasServer,
} from './support/identity-providers.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { TestBrowser } from './support/test-browser.js';

const PUBLIC_URL = 'http://orglife.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/sso/cas/callback`;
const ACCOUNTS = {
  wang: { employeeNo: 'T2026001', name: '王建华' },
  stranger: { employeeNo: 'X9999999', name: '陌生人' },
  anonymous: { name: '无工号' },
  // A CAS 2.0 campus whose user name is the 工号 itself.
  T2026001: { name: '王建华' },
};

/**
 * Campus sign-in through CAS against the CAS server of test/support/identity-providers.ts, which
 * follows the CAS Protocol 3.0 specification; its comment lists the parts exercised (/login,
 * the single sign-on cookie, /serviceValidate and /p3/serviceValidate with their failure codes,
 * /logout with back-channel single logout) and those not (proxy tickets, renew, gateway, SAML).
 */
describe('SSO: CAS 3.0 (p3/serviceValidate, attributes, single logout)', () => {
  let cas: TestCasServer;
  let t: TestApp;

  beforeAll(async () => {
    cas = await startCasServer({ accounts: ACCOUNTS });
    t = await createTestApp({
      app: {
        sso: readSsoEnv({
          SSO_PUBLIC_URL: PUBLIC_URL,
          SSO_CAS_URL: cas.url,
          SSO_CAS_VERSION: '3.0',
          SSO_CAS_EMPLOYEE_NO_ATTRIBUTE: 'employeeNumber',
          SSO_TIMEOUT_MS: '1000',
        }),
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await cas.close();
  });

  /** The browser's side on OrgLife of the sign-in under way (it keeps the state cookie). */
  let browserAgent: ReturnType<TestApp['http']>;

  /** Our /login redirect, then the CAS login form: answers the service URL CAS sends back to. */
  async function signInAtCas(browser: TestBrowser, login: string): Promise<URL> {
    browserAgent = t.http();
    const res = await browserAgent.get('/api/auth/sso/cas/login').expect(302);
    const loginUrl = new URL(res.headers.location as string);
    expect(loginUrl.href.startsWith(`${cas.url}/login?service=`)).toBe(true);
    const page = await browser.get(loginUrl);
    const back = page.body.includes('name="password"')
      ? await browser.submit(page, { username: login, password: CAMPUS_PASSWORD })
      : page; // already signed in at CAS: straight back with a ticket
    expect(back.url.href.startsWith(CALLBACK)).toBe(true);
    expect(back.url.searchParams.get('ticket')).toMatch(/^ST-/);
    return back.url;
  }

  async function callback(url: URL, agent = browserAgent): Promise<URL> {
    const res = await agent.get(url.pathname + url.search).expect(302);
    return new URL(res.headers.location as string);
  }

  /** Trades the landing page's code; the agent keeps the refresh cookie, as a browser would. */
  async function tokensFor(landing: URL) {
    const code = landing.searchParams.get('sso');
    expect(code, landing.href).toBeTruthy();
    const agent = t.http();
    const res = await agent.post('/api/auth/sso/exchange').send({ code }).expect(200);
    return { accessToken: (res.body as { accessToken: string }).accessToken, agent };
  }

  it('signs a roster person in by the 工号 attribute, with the same tokens as a local login', async () => {
    const tokens = await tokensFor(
      await callback(await signInAtCas(new TestBrowser(PUBLIC_URL), 'wang')),
    );
    const me = await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${tokens.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: 'od_admin', name: '王建华' });
    const [event] = await t.db.query<{ detail: string }[]>(
      `SELECT detail FROM security_event WHERE kind = 'login_succeeded' ORDER BY at DESC, id DESC LIMIT 1`,
    );
    expect(event?.detail).toBe(`统一身份认证 CAS ${cas.url}`);
  });

  it('refuses a replayed ticket, a forged state, and an unknown or attribute-less identity', async () => {
    const returned = await signInAtCas(new TestBrowser(PUBLIC_URL), 'wang');
    expect((await callback(returned)).searchParams.has('sso')).toBe(true);
    expect((await callback(returned)).searchParams.get('ssoError')).toBe('state');

    // The spent ticket under the state of a fresh sign-in: CAS answers INVALID_TICKET.
    browserAgent = t.http();
    const fresh = new URL(
      (await browserAgent.get('/api/auth/sso/cas/login').expect(302)).headers.location as string,
    );
    const freshService = new URL(fresh.searchParams.get('service')!);
    const replay = new URL(freshService);
    replay.searchParams.set('ticket', returned.searchParams.get('ticket')!);
    expect((await callback(replay)).searchParams.get('ssoError')).toBe('rejected');
    const [refusal] = await t.db.query<{ detail: string }[]>(
      `SELECT detail FROM security_event WHERE kind = 'login_failed' ORDER BY at DESC, id DESC LIMIT 1`,
    );
    expect(refusal?.detail).toMatch(
      new RegExp(`^统一身份认证 CAS ${cas.url}: rejected: CAS INVALID_TICKET`),
    );

    const forged = new URL(returned);
    forged.searchParams.set('state', 'not-a-state-we-sent');
    expect((await callback(forged)).searchParams.get('ssoError')).toBe('state');

    // A ticket planted in another browser than the one that began the sign-in (login CSRF).
    const planted = await signInAtCas(new TestBrowser(PUBLIC_URL), 'wang');
    expect((await callback(planted, t.http())).searchParams.get('ssoError')).toBe('state');

    const stranger = await callback(await signInAtCas(new TestBrowser(PUBLIC_URL), 'stranger'));
    expect(stranger.searchParams.get('ssoError')).toBe('not-in-roster');
    const anonymous = await callback(await signInAtCas(new TestBrowser(PUBLIC_URL), 'anonymous'));
    expect(anonymous.searchParams.get('ssoError')).toBe('no-employee-no');
  });

  it('ends the session when CAS posts a single-logout request for its ticket', async () => {
    const browser = new TestBrowser(PUBLIC_URL);
    const tokens = await tokensFor(await callback(await signInAtCas(browser, 'wang')));
    // A second service visit rides on the CAS session (no form), as single sign-on does.
    const again = await tokensFor(await callback(await signInAtCas(browser, 'wang')));
    // The access tokens work, including one issued by rotating the refresh token.
    for (const { accessToken } of [tokens, again]) {
      await t.http().get('/api/me').set('Authorization', `Bearer ${accessToken}`).expect(200);
    }
    const rotated = await again.agent.post('/api/auth/refresh').expect(200);
    again.accessToken = (rotated.body as { accessToken: string }).accessToken;

    const res = await t.http().get('/api/auth/sso/cas/logout').expect(302);
    const logoutUrl = new URL(res.headers.location as string);
    expect(logoutUrl.href).toBe(
      `${cas.url}/logout?service=${encodeURIComponent(`${PUBLIC_URL}/login`)}`,
    );
    // The CAS server posts its LogoutRequests to the service URLs; they point at the app under
    // test, which listens on no port here, so replay them through supertest.
    cas.logoutPosts.length = 0;
    const posted: string[] = [];
    const originalFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.origin !== PUBLIC_URL) return originalFetch(input, init);
      const reply = await t
        .http()
        .post(url.pathname + url.search)
        .type('form')
        .send(String(init?.body));
      posted.push(url.pathname);
      return new Response(null, { status: reply.status });
    };
    try {
      await browser.get(logoutUrl);
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(posted).toHaveLength(2);
    expect(cas.logoutPosts.map((p) => p.status)).toEqual([204, 204]);
    // Both sessions are over: their refresh tokens and the access tokens already handed out.
    for (const { agent, accessToken } of [tokens, again]) {
      await agent.post('/api/auth/refresh').expect(401);
      const me = await t
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(401);
      expect((me.body as { detail: string }).detail).toBe(
        '登录会话已结束（已退出、密码已修改或统一身份认证已注销），请重新登录。',
      );
    }
    // Another sign-in of the same person, outside that CAS session, keeps working.
    const other = await tokensFor(
      await callback(await signInAtCas(new TestBrowser(PUBLIC_URL), 'wang')),
    );
    await t.http().get('/api/me').set('Authorization', `Bearer ${other.accessToken}`).expect(200);
    await other.agent.post('/api/auth/refresh').expect(200);
  });

  it('shows the unavailable page within the timeout when CAS is slow', async () => {
    const returned = await signInAtCas(new TestBrowser(PUBLIC_URL), 'wang');
    cas.delayMs = 3000;
    try {
      const started = Date.now();
      const landing = await callback(returned);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(landing.searchParams.get('ssoError')).toBe('unavailable');
    } finally {
      cas.delayMs = 0;
    }
  });

  describe('CAS 2.0, where the user name is the 工号', () => {
    let v2: TestApp;
    beforeAll(async () => {
      v2 = await createTestApp({
        app: {
          sso: readSsoEnv({
            SSO_PUBLIC_URL: PUBLIC_URL,
            SSO_CAS_URL: cas.url,
            SSO_CAS_VERSION: '2.0',
          }),
        },
      });
    });
    afterAll(() => v2.close());

    it('validates at /serviceValidate and matches the CAS user', async () => {
      const agent = v2.http();
      const res = await agent.get('/api/auth/sso/cas/login').expect(302);
      const browser = new TestBrowser(PUBLIC_URL);
      const page = await browser.get(res.headers.location as string);
      const back = await browser.submit(page, { username: 'T2026001', password: CAMPUS_PASSWORD });
      const landing = await agent.get(back.url.pathname + back.url.search).expect(302);
      const code = new URL(landing.headers.location as string).searchParams.get('sso');
      const tokens = await v2.http().post('/api/auth/sso/exchange').send({ code }).expect(200);
      const me = await v2
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${(tokens.body as { accessToken: string }).accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({ username: 'od_admin' });
    });
  });
});

describe('SSO required for everyone but named local accounts', () => {
  let cas: TestCasServer;
  let t: TestApp;
  beforeAll(async () => {
    cas = await startCasServer({ accounts: ACCOUNTS });
    t = await createTestApp({
      app: {
        sso: readSsoEnv({
          SSO_PUBLIC_URL: PUBLIC_URL,
          SSO_CAS_URL: cas.url,
          SSO_REQUIRED: 'true',
          SSO_LOCAL_ACCOUNTS: 'OD_Admin, inspector',
        }),
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await cas.close();
  });

  it('tells the login page, keeps the named local accounts, and refuses other passwords', async () => {
    expect((await t.http().get('/api/auth/sso').expect(200)).body).toEqual({
      providers: ['cas'],
      required: true,
    });
    await t.login('od_admin');
    await t.login('inspector');
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'member', password: 'demo1234' })
      .expect(403);
    expect((res.body as { detail: string }).detail).toMatch(/本系统要求使用统一身份认证登录/);
    const [event] = await t.db.query<{ detail: string; subject_username: string }[]>(
      `SELECT detail, subject_username FROM security_event
        WHERE kind = 'login_failed' ORDER BY at DESC, id DESC LIMIT 1`,
    );
    expect(event).toMatchObject({
      subject_username: 'member',
      detail: expect.stringMatching(/SSO_REQUIRED/),
    });
  });
});

describe('SSO: CAS server down', () => {
  let down: TestApp;
  beforeAll(async () => {
    down = await createTestApp({
      app: {
        sso: readSsoEnv({
          SSO_PUBLIC_URL: PUBLIC_URL,
          SSO_CAS_URL: 'http://127.0.0.1:9/cas',
          SSO_TIMEOUT_MS: '1000',
        }),
      },
    });
  });
  afterAll(() => down.close());

  it('shows the unavailable page at the callback at once, and local login still works', async () => {
    const agent = down.http();
    const start = await agent.get('/api/auth/sso/cas/login').expect(302);
    const service = new URL(new URL(start.headers.location as string).searchParams.get('service')!);
    service.searchParams.set('ticket', 'ST-from-a-server-now-down');
    const started = Date.now();
    const res = await agent.get(service.pathname + service.search).expect(302);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(new URL(res.headers.location as string).searchParams.get('ssoError')).toBe(
      'unavailable',
    );
    await down.login('od_admin');
  });
});

describe('CAS serviceValidate answers (identityIn)', () => {
  const ns = 'xmlns:cas="http://www.yale.edu/tp/cas"';

  it('reads the user and every attribute, repeated ones as lists, numbers kept as text', () => {
    expect(
      identityIn(`<cas:serviceResponse ${ns}><cas:authenticationSuccess>
        <cas:user>zhang</cas:user>
        <cas:attributes><cas:employeeNumber>00123</cas:employeeNumber>
          <cas:memberOf>a</cas:memberOf><cas:memberOf>b</cas:memberOf></cas:attributes>
      </cas:authenticationSuccess></cas:serviceResponse>`),
    ).toEqual({ user: 'zhang', attributes: { employeeNumber: ['00123'], memberOf: ['a', 'b'] } });
  });

  it('refuses a failure naming its code, and an answer that is not XML', () => {
    expect(() =>
      identityIn(
        `<cas:serviceResponse ${ns}><cas:authenticationFailure code="INVALID_SERVICE">x</cas:authenticationFailure></cas:serviceResponse>`,
      ),
    ).toThrow(/INVALID_SERVICE/);
    expect(() => identityIn('<html><body>Bad gateway')).toThrow(/not XML/);
  });
});
