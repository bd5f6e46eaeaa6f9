import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSsoEnv } from '../src/sso/sso-env.js';
import {
  CAMPUS_PASSWORD,
  startCasServer,
  startOidcProvider,
  type CampusAccounts,
  type TestCasServer,
  type TestOidcProvider,
} from './support/identity-providers.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';
import { TestBrowser } from './support/test-browser.js';

const PUBLIC_URL = 'http://orglife.test';
const CAMPUS_UNIT = 'D0301';

/** Campus people unknown to the roster (the demo roster's 工号 are T…), per provider. */
const newcomers = (prefix: string): CampusAccounts => ({
  newcomer: { employeeNo: `${prefix}001`, name: '赵新来', unitCode: CAMPUS_UNIT },
  elsewhere: { employeeNo: `${prefix}002`, name: '钱外院', unitCode: 'D0999' },
  unitless: { employeeNo: `${prefix}003`, name: '孙无单位' },
  late: { employeeNo: `${prefix}004`, name: '李迟到', unitCode: CAMPUS_UNIT },
});

/**
 * 统一身份认证自动建档 (issue 21, point 3): an unknown 工号 is refused unless the Organization
 * Department turned auto-creation on for the unit whose campus unit code the identity carries;
 * then a person with no roles is created there, marked for the OD to confirm, signed in, and the
 * creation is a security event. Through OIDC and through CAS.
 */
describe.each([
  { provider: 'oidc' as const, prefix: 'NO' },
  { provider: 'cas' as const, prefix: 'NC' },
])('SSO auto-creation through $provider', ({ provider, prefix }) => {
  let oidc: TestOidcProvider | undefined;
  let cas: TestCasServer | undefined;
  let t: TestApp;
  let od: Client;

  beforeAll(async () => {
    const accounts = newcomers(prefix);
    if (provider === 'oidc') {
      oidc = await startOidcProvider({
        accounts,
        redirectUris: [`${PUBLIC_URL}/api/auth/sso/oidc/callback`],
        postLogoutRedirectUris: [`${PUBLIC_URL}/login`],
      });
    } else {
      cas = await startCasServer({ accounts });
    }
    const env = oidc
      ? {
          SSO_OIDC_ISSUER: oidc.issuer,
          SSO_OIDC_CLIENT_ID: oidc.clientId,
          SSO_OIDC_CLIENT_SECRET: oidc.clientSecret,
          SSO_OIDC_SCOPES: 'openid profile employee',
          SSO_OIDC_EMPLOYEE_NO_CLAIM: 'employee_no',
          SSO_OIDC_UNIT_CLAIM: 'unit_code',
        }
      : {
          SSO_CAS_URL: cas!.url,
          SSO_CAS_EMPLOYEE_NO_ATTRIBUTE: 'employeeNumber',
          SSO_CAS_UNIT_ATTRIBUTE: 'unitCode',
        };
    t = await createTestApp({ app: { sso: readSsoEnv({ SSO_PUBLIC_URL: PUBLIC_URL, ...env }) } });
    od = await t.login('od_admin');
  });
  afterAll(async () => {
    await t.close();
    await oidc?.close();
    await cas?.close();
  });

  /** A whole campus sign-in in a fresh browser; answers the login page it ends on. */
  async function signIn(login: string): Promise<URL> {
    const agent = t.http();
    const start = await agent.get(`/api/auth/sso/${provider}/login`).expect(302);
    const browser = new TestBrowser(PUBLIC_URL);
    const page = await browser.get(start.headers.location as string);
    const back = await browser.submit(page, {
      [provider === 'oidc' ? 'login' : 'username']: login,
      password: CAMPUS_PASSWORD,
    });
    const landing = await agent.get(back.url.pathname + back.url.search).expect(302);
    return new URL(landing.headers.location as string);
  }

  async function accessTokenFor(landing: URL): Promise<string> {
    const code = landing.searchParams.get('sso');
    expect(code, landing.href).toBeTruthy();
    const res = await t.http().post('/api/auth/sso/exchange').send({ code }).expect(200);
    return (res.body as { accessToken: string }).accessToken;
  }

  const people = async () =>
    Number((await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM person`))[0]!.n);

  async function lastEvent(kind: string) {
    const [row] = await t.db.query<{ detail: string; subjectUsername: string | null }[]>(
      `SELECT detail, subject_username AS "subjectUsername" FROM security_event
        WHERE kind = $1 ORDER BY at DESC, id DESC LIMIT 1`,
      [kind],
    );
    return row;
  }

  const setAutoCreate = (client: Client, unit: string, body: object) =>
    client.put(`/api/org-units/${t.units[unit]}/sso-auto-create`).send(body);

  it('refuses an unknown 工号 while no unit has auto-creation on, and creates nobody', async () => {
    const before = await people();
    expect((await signIn('newcomer')).searchParams.get('ssoError')).toBe('not-in-roster');
    expect(await people()).toBe(before);
    expect((await lastEvent('login_failed'))?.detail).toMatch(
      new RegExp(
        `工号 ${prefix}001 is not in the roster, and no unit creates people of campus unit ${CAMPUS_UNIT}$`,
      ),
    );
  });

  it('lets only the Organization Department turn it on, with a campus unit code no other unit uses', async () => {
    const committee = await t.login('committee_secretary');
    await setAutoCreate(committee, 'C1-B2', { enabled: true, campusUnitCode: CAMPUS_UNIT }).expect(
      403,
    );
    const missing = await setAutoCreate(od, 'C1-B2', { enabled: true }).expect(400);
    expect(JSON.stringify(missing.body)).toMatch(/campusUnitCode/);

    const on = await setAutoCreate(od, 'C1-B2', { enabled: true, campusUnitCode: CAMPUS_UNIT });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ code: 'C1-B2', ssoCampusUnitCode: CAMPUS_UNIT });
    expect(await lastEvent('sso_auto_create_changed')).toMatchObject({
      detail: `开启统一身份认证自动建档：计算机学院研究生党支部（C1-B2）← 统一身份认证单位 ${CAMPUS_UNIT}`,
    });
    const clash = await setAutoCreate(od, 'C1-B3', { enabled: true, campusUnitCode: CAMPUS_UNIT });
    expect(clash.status).toBe(409);
    expect(JSON.stringify(clash.body)).toMatch(/campusUnitCode/);
  });

  it('creates the newcomer in that unit with no roles, signs them in, and audits it', async () => {
    const landing = await signIn('newcomer');
    const accessToken = await accessTokenFor(landing);
    const me = await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: `${prefix}001`, name: '赵新来', roles: [] });
    const [person] = await t.db.query<{ orgUnitId: string; memberType: string | null }[]>(
      `SELECT org_unit_id AS "orgUnitId", member_type AS "memberType" FROM person
        WHERE employee_no = $1 AND sso_created_at IS NOT NULL`,
      [`${prefix}001`],
    );
    expect(person).toEqual({ orgUnitId: t.units['C1-B2'], memberType: null });
    expect(await lastEvent('sso_person_created')).toEqual({
      subjectUsername: `${prefix}001`,
      detail: expect.stringMatching(
        new RegExp(
          `^统一身份认证 ${provider.toUpperCase()} .+: 自动建档 赵新来（工号 ${prefix}001）→ 计算机学院研究生党支部（统一身份认证单位 ${CAMPUS_UNIT}），待组织部确认$`,
        ),
      ) as unknown,
    });
    // The second sign-in finds the person created by the first.
    const before = await people();
    expect((await signIn('newcomer')).searchParams.has('sso')).toBe(true);
    expect(await people()).toBe(before);
  });

  it('still refuses a newcomer of another campus unit, or one whose identity names none', async () => {
    expect((await signIn('elsewhere')).searchParams.get('ssoError')).toBe('not-in-roster');
    expect((await signIn('unitless')).searchParams.get('ssoError')).toBe('not-in-roster');
    const found = await t.db.query(`SELECT 1 FROM person WHERE employee_no IN ($1, $2)`, [
      `${prefix}002`,
      `${prefix}003`,
    ]);
    expect(found).toHaveLength(0);
  });

  it('shows the Organization Department whom to confirm, and confirms them', async () => {
    const list = await od
      .get('/api/people')
      .query({ q: `${prefix}001` })
      .expect(200);
    const [listed] = (list.body as { items: { id: string; ssoCreated: boolean }[] }).items;
    expect(listed).toMatchObject({ ssoCreated: true });
    const committee = await t.login('committee_secretary');
    await committee.post(`/api/people/${listed!.id}/sso-confirmation`).expect(403);
    await od.post(`/api/people/${listed!.id}/sso-confirmation`).expect(204);
    expect((await od.get(`/api/people/${listed!.id}`).expect(200)).body).toMatchObject({
      ssoCreated: false,
    });
    expect(await lastEvent('sso_person_confirmed')).toEqual({
      subjectUsername: `${prefix}001`,
      detail: `确认统一身份认证自动建档：赵新来（工号 ${prefix}001）`,
    });
    await od.post(`/api/people/${listed!.id}/sso-confirmation`).expect(409);
  });

  it('refuses unknown people again once it is turned off', async () => {
    await setAutoCreate(od, 'C1-B2', { enabled: false }).expect(200);
    expect((await signIn('late')).searchParams.get('ssoError')).toBe('not-in-roster');
    expect(await lastEvent('sso_auto_create_changed')).toMatchObject({
      detail: '关闭统一身份认证自动建档：计算机学院研究生党支部（C1-B2）',
    });
  });
});
