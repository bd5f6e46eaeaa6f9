import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSsoEnv } from '../src/sso/sso-env.js';
import {
  startOidcProvider,
  CAMPUS_PASSWORD,
  type TestOidcProvider,
} from './support/identity-providers.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { TestBrowser, type Visit } from './support/test-browser.js';

const PUBLIC_URL = 'http://orglife.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/sso/oidc/callback`;

/**
 * Campus sign-in through OpenID Connect, end to end against a real OpenID provider (the
 * `oidc-provider` package) started here: discovery, the login redirect with PKCE, state and
 * nonce, the provider's login page, the callback, ID token validation, and logout.
 */
describe('SSO: OpenID Connect (authorization code + PKCE)', () => {
  let provider: TestOidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await startOidcProvider({
      accounts: {
        wang: { employeeNo: 'T2026001', name: '王建华' },
        li: { employeeNo: 'T2026002', name: '李国强' },
        stranger: { employeeNo: 'X9999999', name: '陌生人' },
        anonymous: { name: '无工号' },
        zhou: { employeeNo: 'R2026001', name: '周未开户' },
        wu: { employeeNo: 'R2026002', name: '吴撞名' },
      },
      redirectUris: [CALLBACK],
      postLogoutRedirectUris: [`${PUBLIC_URL}/login`],
    });
    t = await createTestApp({ app: { sso: ssoOptions(provider.issuer) } });
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
  });

  function ssoOptions(issuer: string, extra: Record<string, string> = {}) {
    return readSsoEnv({
      SSO_PUBLIC_URL: PUBLIC_URL,
      SSO_OIDC_ISSUER: issuer,
      SSO_OIDC_CLIENT_ID: 'orglife',
      SSO_OIDC_CLIENT_SECRET: provider.clientSecret,
      SSO_OIDC_SCOPES: 'openid profile employee',
      SSO_OIDC_EMPLOYEE_NO_CLAIM: 'employee_no',
      SSO_TIMEOUT_MS: '1000',
      ...extra,
    });
  }

  /** The browser of the sign-in under way: it keeps the state cookie set by our login route. */
  let browserAgent: ReturnType<TestApp['http']>;

  /** Our login redirect, in a fresh browser: answers the provider URL. */
  async function startSignIn(): Promise<URL> {
    browserAgent = t.http();
    const res = await browserAgent.get('/api/auth/sso/oidc/login').expect(302);
    expect(res.headers['set-cookie']?.[0]).toMatch(/^orglife_sso_state=.+HttpOnly.+SameSite=Lax/);
    return new URL(res.headers.location as string);
  }

  /** Signs in at the provider's own page; answers the callback URL it sends the browser to. */
  async function signInAtProvider(authorizationUrl: URL, login: string): Promise<URL> {
    const browser = new TestBrowser(PUBLIC_URL);
    const page = await browser.get(authorizationUrl);
    expect(page.body).toContain('name="login"');
    const back: Visit = await browser.submit(page, { login, password: CAMPUS_PASSWORD });
    expect(back.url.href.startsWith(CALLBACK)).toBe(true);
    return back.url;
  }

  /** Requests the callback on OrgLife in that browser; answers the login page it redirects to. */
  async function callback(url: URL, agent = browserAgent): Promise<URL> {
    const res = await agent.get(url.pathname + url.search).expect(302);
    return new URL(res.headers.location as string);
  }

  const exchange = (code: string, agent = t.http()) =>
    agent.post('/api/auth/sso/exchange').send({ code });

  /** The latest security event of that kind. */
  async function lastEvent(kind: string) {
    const rows = await t.db.query<{ detail: string; subjectUsername: string | null }[]>(
      `SELECT detail, subject_username AS "subjectUsername" FROM security_event
        WHERE kind = $1 ORDER BY at DESC, id DESC LIMIT 1`,
      [kind],
    );
    return rows[0];
  }

  it('tells the login page which campus sign-in is configured', async () => {
    const res = await t.http().get('/api/auth/sso').expect(200);
    expect(res.body).toEqual({ providers: ['oidc'], required: false });
  });

  it('signs a roster person in by 工号 and issues the same tokens as a local login', async () => {
    const authorizationUrl = await startSignIn();
    expect(authorizationUrl.origin).toBe(provider.issuer);
    const params = authorizationUrl.searchParams;
    expect(params.get('client_id')).toBe('orglife');
    expect(params.get('redirect_uri')).toBe(CALLBACK);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('scope')).toBe('openid profile employee');
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(params.get(name)?.length).toBeGreaterThanOrEqual(40);
    }

    const landing = await callback(await signInAtProvider(authorizationUrl, 'wang'));
    expect(landing.origin + landing.pathname).toBe(`${PUBLIC_URL}/login`);
    const code = landing.searchParams.get('sso')!;
    expect(code).toBeTruthy();

    const browser = t.http();
    const res = await exchange(code, browser).expect(200);
    const { accessToken, expiresIn } = res.body as { accessToken: string; expiresIn: number };
    expect(expiresIn).toBe(900);
    expect(res.body).not.toHaveProperty('refreshToken');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^orglife_refresh=.+HttpOnly.+SameSite=Strict/);
    const me = await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: 'od_admin', name: '王建华' });
    // Roles come from the database, as for a local login.
    expect((me.body as { roles: { role: string }[] }).roles.map((r) => r.role)).toContain(
      'od_admin',
    );
    // The refresh cookie works as a local login's does.
    await browser.post('/api/auth/refresh').expect(200);
    expect(await lastEvent('login_succeeded')).toEqual({
      subjectUsername: 'od_admin',
      detail: `统一身份认证 OIDC ${provider.issuer}/`,
    });
    // The one-time code is spent.
    await exchange(code).expect(401);
    expect((await lastEvent('login_failed'))?.detail).toMatch(/sign-in code unknown, used/);
  });

  it('refuses an unknown 工号 with the roster page and creates nobody', async () => {
    const people = async () =>
      (await t.db.query<{ count: string }[]>('SELECT count(*) FROM person'))[0]?.count;
    const before = await people();
    const landing = await callback(await signInAtProvider(await startSignIn(), 'stranger'));
    expect(landing.pathname).toBe('/login');
    expect(landing.searchParams.get('ssoError')).toBe('not-in-roster');
    expect(landing.searchParams.has('sso')).toBe(false);
    expect(await people()).toBe(before);
    expect((await lastEvent('login_failed'))?.detail).toBe(
      `统一身份认证 OIDC ${provider.issuer}/: not-in-roster: 工号 X9999999 is not in the roster`,
    );
  });

  it('refuses a deactivated person, at the callback and at the code exchange', async () => {
    const deactivate = (at: Date | null) =>
      t.db.query(`UPDATE account SET deactivated_at = $1 WHERE username = 'committee_secretary'`, [
        at,
      ]);
    try {
      await deactivate(new Date());
      const refused = await callback(await signInAtProvider(await startSignIn(), 'li'));
      expect(refused.searchParams.get('ssoError')).toBe('inactive');
      expect(await lastEvent('login_failed')).toMatchObject({
        subjectUsername: 'committee_secretary',
      });

      await deactivate(null);
      const landing = await callback(await signInAtProvider(await startSignIn(), 'li'));
      await deactivate(new Date());
      await exchange(landing.searchParams.get('sso')!).expect(401);
    } finally {
      await deactivate(null);
    }
  });

  it('opens an account named by the 工号 for a roster person who has none yet', async () => {
    const addToRoster = async (employeeNo: string, name: string) => {
      const [row] = await t.db.query<{ id: string }[]>(
        `INSERT INTO person (employee_no, name, org_unit_id) VALUES ($1, $2, $3) RETURNING id`,
        [employeeNo, name, t.units['C1-B2']],
      );
      return row!.id;
    };
    await addToRoster('R2026001', '周未开户');
    const landing = await callback(await signInAtProvider(await startSignIn(), 'zhou'));
    const res = await exchange(landing.searchParams.get('sso')!).expect(200);
    const me = await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${(res.body as { accessToken: string }).accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: 'R2026001', name: '周未开户' });

    // When that username belongs to someone else, the page says so and nothing changes.
    const wu = await addToRoster('R2026002', '吴撞名');
    const other = await addToRoster('R2026003', '郑占名');
    await t.db.query(`INSERT INTO account (person_id, username) VALUES ($1, 'r2026002')`, [other]);
    const refused = await callback(await signInAtProvider(await startSignIn(), 'wu'));
    expect(refused.searchParams.get('ssoError')).toBe('account-conflict');
    expect(await t.db.query(`SELECT 1 FROM account WHERE person_id = $1`, [wu])).toHaveLength(0);
  });

  it('refuses an identity that carries no 工号', async () => {
    const landing = await callback(await signInAtProvider(await startSignIn(), 'anonymous'));
    expect(landing.searchParams.get('ssoError')).toBe('no-employee-no');
  });

  it('refuses a replayed callback, a forged state, and a code replayed into another sign-in', async () => {
    const returned = await signInAtProvider(await startSignIn(), 'wang');
    expect((await callback(returned)).searchParams.has('sso')).toBe(true);
    // The same callback again: its state is spent.
    expect((await callback(returned)).searchParams.get('ssoError')).toBe('state');

    const forged = new URL(returned);
    forged.searchParams.set('state', 'not-a-state-we-sent');
    expect((await callback(forged)).searchParams.get('ssoError')).toBe('state');

    // A callback in another browser than the one that began the sign-in (login CSRF).
    const planted = await signInAtProvider(await startSignIn(), 'wang');
    expect((await callback(planted, t.http())).searchParams.get('ssoError')).toBe('state');

    // The spent code with the state of a fresh sign-in: the provider refuses the code.
    const fresh = await startSignIn();
    const replay = new URL(returned);
    replay.searchParams.set('state', fresh.searchParams.get('state')!);
    expect((await callback(replay)).searchParams.get('ssoError')).toBe('rejected');
    expect((await lastEvent('login_failed'))?.detail).toMatch(
      new RegExp(`^统一身份认证 OIDC ${provider.issuer}/: rejected: `),
    );
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const authorizationUrl = await startSignIn();
    await t.db.query(
      `UPDATE sso_sign_in SET nonce = 'another-sign-ins-nonce' WHERE returned_at IS NULL`,
    );
    const landing = await callback(await signInAtProvider(authorizationUrl, 'wang'));
    expect(landing.searchParams.get('ssoError')).toBe('rejected');
  });

  it('refuses an ID token for another client, from another issuer, or not signed by the provider', async () => {
    const tamperings = [
      { claims: { aud: 'another-campus-app' }, detail: /aud/ },
      { claims: { iss: 'https://evil.example' }, detail: /iss/ },
      { forgeSignature: true, detail: /signature/ },
    ];
    try {
      for (const { detail, ...tampering } of tamperings) {
        provider.idTokenTampering = tampering;
        const landing = await callback(await signInAtProvider(await startSignIn(), 'wang'));
        expect(landing.searchParams.get('ssoError')).toBe('rejected');
        expect(landing.searchParams.has('sso')).toBe(false);
        const event = await lastEvent('login_failed');
        expect(event?.detail).toMatch(
          new RegExp(`^统一身份认证 OIDC ${provider.issuer}/: rejected: `),
        );
        expect(event?.detail).toMatch(detail);
      }
      // Untampered, the same sign-in goes through (the test's tampering is what was refused).
      provider.idTokenTampering = { claims: {} };
      const landing = await callback(await signInAtProvider(await startSignIn(), 'wang'));
      expect(landing.searchParams.has('sso')).toBe(true);
    } finally {
      provider.idTokenTampering = undefined;
    }
  });

  it("tolerates the provider's clock a minute off, not more", async () => {
    // Ten-second ID tokens from a provider whose clock is behind ours: by our clock they expired
    // 45 s ago (tolerated), then 90 s ago (refused).
    provider.idTokenTtlSeconds = 10;
    try {
      provider.clockOffsetSeconds = -55;
      const within = await callback(await signInAtProvider(await startSignIn(), 'wang'));
      expect(within.searchParams.has('sso')).toBe(true);
      provider.clockOffsetSeconds = -100;
      const beyond = await callback(await signInAtProvider(await startSignIn(), 'wang'));
      expect(beyond.searchParams.get('ssoError')).toBe('rejected');
    } finally {
      provider.idTokenTtlSeconds = 600;
      provider.clockOffsetSeconds = 0;
    }
  });

  it('shows the unavailable page within the timeout when the provider is slow', async () => {
    const returned = await signInAtProvider(await startSignIn(), 'wang');
    provider.delayMs = 3000;
    try {
      const started = Date.now();
      const landing = await callback(returned);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(landing.searchParams.get('ssoError')).toBe('unavailable');
    } finally {
      provider.delayMs = 0;
    }
  });

  it('expires an unused one-time code after a minute', async () => {
    const landing = await callback(await signInAtProvider(await startSignIn(), 'wang'));
    t.clock.advance(61_000);
    await exchange(landing.searchParams.get('sso')!).expect(401);
  });

  it("sends the browser to the provider's logout, which returns to the login page", async () => {
    const res = await t.http().get('/api/auth/sso/oidc/logout').expect(302);
    const url = new URL(res.headers.location as string);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('client_id')).toBe('orglife');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/login`);
  });

  it('answers 404 for a provider that is not configured', async () => {
    await t.http().get('/api/auth/sso/cas/login').expect(404);
    await t.http().get('/api/auth/sso/saml/login').expect(400);
  });

  describe('when the provider is down', () => {
    let down: TestApp;
    beforeAll(async () => {
      down = await createTestApp({ app: { sso: ssoOptions('http://127.0.0.1:9') } });
    });
    afterAll(() => down.close());

    it('shows the unavailable page at once, and local login still works', async () => {
      const started = Date.now();
      const res = await down.http().get('/api/auth/sso/oidc/login').expect(302);
      expect(Date.now() - started).toBeLessThan(2000);
      const landing = new URL(res.headers.location as string);
      expect(landing.pathname).toBe('/login');
      expect(landing.searchParams.get('ssoError')).toBe('unavailable');
      await down.login('od_admin');
    });
  });
});
