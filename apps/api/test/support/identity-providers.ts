/**
 * Campus identity services for the tests: a real OpenID provider (the `oidc-provider` package)
 * and a CAS server written to the CAS Protocol 3.0 specification. Used by the API tests
 * (test/sso-*.test.ts) and started by test/run-e2e.mjs for the browser tests.
 *
 * Both know people by login name; each account says which 工号 it carries (none = the claim or
 * attribute is missing). The password is always CAMPUS_PASSWORD.
 */
import { createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export const CAMPUS_PASSWORD = 'campus-pass';

export interface CampusAccount {
  /** The 工号 the identity carries; undefined = it carries none. */
  employeeNo?: string;
  name: string;
  /** The campus unit code it carries (OIDC claim `unit_code`, CAS attribute `unitCode`). */
  unitCode?: string;
}

export type CampusAccounts = Record<string, CampusAccount>;

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Lifetime the provider gives ID tokens (default 600 s). */
  idTokenTtlSeconds: number;
  /**
   * How far the provider's clock is off ours, in seconds (negative = behind): while it handles a
   * request, `Date.now` (the clock oidc-provider stamps tokens with) is moved by this much.
   */
  clockOffsetSeconds: number;
  /** Answers every request only after this many milliseconds (a slow provider). */
  delayMs: number;
  /**
   * Tampering with the ID token in the token endpoint's answer, as an attacker or a misconfigured
   * provider would: these claims replaced (e.g. `aud` of another client), re-signed with the
   * provider's key, or with a key of nobody's when `forgeSignature` is set.
   */
  idTokenTampering?: { claims?: Record<string, unknown>; forgeSignature?: boolean };
  close: () => Promise<void>;
}

/** A real OpenID provider on 127.0.0.1 with one confidential client (PKCE required). */
export async function startOidcProvider(options: {
  accounts: CampusAccounts;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  port?: number;
}): Promise<TestOidcProvider> {
  const server = createServer();
  const port = await listen(server, options.port);
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const handle: TestOidcProvider = {
    issuer,
    clientId: 'orglife',
    clientSecret: randomBytes(16).toString('hex'),
    idTokenTtlSeconds: 600,
    clockOffsetSeconds: 0,
    delayMs: 0,
    close: () => close(server),
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: handle.clientId,
        client_secret: handle.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    scopes: ['openid', 'profile', 'employee'],
    claims: { openid: ['sub'], profile: ['name'], employee: ['employee_no', 'unit_code'] },
    // The 工号 goes in the ID token itself, as campus providers configured for OrgLife do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { IdToken: () => handle.idTokenTtlSeconds },
    findAccount: (_ctx, login) => ({
      accountId: login,
      claims: () => {
        const account = options.accounts[login];
        return {
          sub: login,
          name: account?.name ?? login,
          ...(account?.employeeNo === undefined ? {} : { employee_no: account.employeeNo }),
          ...(account?.unitCode === undefined ? {} : { unit_code: account.unitCode }),
        };
      },
    }),
    // Consent is taken as given: OrgLife is a first-party client of the campus.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile employee');
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    setTimeout(() => {
      if (handle.clockOffsetSeconds) skewClockWhileHandling(res, handle.clockOffsetSeconds);
      const tampering = handle.idTokenTampering;
      if (tampering && req.url?.startsWith('/token')) {
        const key = tampering.forgeSignature
          ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
          : privateKey;
        tamperIdTokenIn(res, tampering.claims ?? {}, key);
      }
      void callback(req, res);
    }, handle.delayMs);
  });
  return handle;
}

/** Rewrites the ID token in the token response this `res` is about to send. */
function tamperIdTokenIn(
  res: ServerResponse,
  claims: Record<string, unknown>,
  key: KeyObject,
): void {
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const body = chunk ? (JSON.parse(String(chunk)) as { id_token?: string }) : {};
    if (!body.id_token) return end(chunk, ...rest);
    const [header = '', payload = ''] = body.id_token.split('.');
    const changed = {
      ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object),
      ...claims,
    };
    const signed = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}`;
    const signature = createSign('RSA-SHA256').update(signed).sign(key).toString('base64url');
    const text = JSON.stringify({ ...body, id_token: `${signed}.${signature}` });
    res.setHeader('content-length', Buffer.byteLength(text));
    return end(text, ...rest);
  }) as ServerResponse['end'];
}

/** Moves `Date.now` until the response is ended (the test client awaits it meanwhile). */
function skewClockWhileHandling(res: ServerResponse, offsetSeconds: number): void {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + offsetSeconds * 1000;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    Date.now = realNow;
    return end(...args);
  }) as ServerResponse['end'];
}

export interface TestCasServer {
  /** The CAS server's base URL (what SSO_CAS_URL is set to). */
  url: string;
  /** Answers every request only after this many milliseconds (a slow server). */
  delayMs: number;
  /** Single-logout requests this server posted, with the answer each got. */
  logoutPosts: { service: string; ticket: string; status: number }[];
  close: () => Promise<void>;
}

interface ServiceTicket {
  service: string;
  login: string;
  issuedAt: number;
  /** The single sign-on session (ticket-granting ticket) it came from. */
  tgt: string;
}

/** How long a service ticket may wait for validation (the spec recommends at most 5 minutes). */
const TICKET_LIFETIME_MS = 10_000;

/**
 * A CAS server following the CAS Protocol 3.0 Specification. It exercises:
 * - §2.1 /login as credential requestor (form) and §2.2 as acceptor (POST), with the single
 *   sign-on cookie (CASTGC, §3.6) so a second /login goes straight back with a ticket;
 * - §2.5 /serviceValidate (CAS 2.0: user only) and §2.6 /p3/serviceValidate (CAS 3.0: user and
 *   attributes), with the failure codes INVALID_REQUEST, INVALID_TICKET (unknown, used or
 *   expired: tickets are single use, §3.1.1) and INVALID_SERVICE (the ticket then dies too);
 * - §2.3 /logout, with back-channel single logout: a SAML LogoutRequest posted to every service
 *   that got a ticket in the session (§2.3.3, Appendix C).
 * Not exercised: proxy tickets (/proxyValidate, /proxy, pgtUrl), renew and gateway, SAML 1.1
 * validation (/samlValidate), JSON answers.
 */
export async function startCasServer(options: {
  accounts: CampusAccounts;
  port?: number;
}): Promise<TestCasServer> {
  const tickets = new Map<string, ServiceTicket>();
  const sessions = new Map<string, { login: string; services: Map<string, string> }>();
  const server = createServer();
  const port = await listen(server, options.port);
  const handle: TestCasServer = {
    url: `http://127.0.0.1:${port}/cas`,
    delayMs: 0,
    logoutPosts: [],
    close: () => close(server),
  };

  const issueTicket = (res: ServerResponse, service: string, tgt: string) => {
    const session = sessions.get(tgt)!;
    const ticket = `ST-${randomBytes(12).toString('hex')}`;
    tickets.set(ticket, { service, login: session.login, issuedAt: Date.now(), tgt });
    session.services.set(ticket, service);
    const target = new URL(service);
    target.searchParams.set('ticket', ticket);
    redirect(res, target.href);
  };

  const validate = (url: URL, withAttributes: boolean): string => {
    const service = url.searchParams.get('service');
    const ticketId = url.searchParams.get('ticket');
    if (!service || !ticketId) {
      return failure('INVALID_REQUEST', 'service and ticket are both required');
    }
    const ticket = tickets.get(ticketId);
    tickets.delete(ticketId);
    if (!ticket || Date.now() - ticket.issuedAt > TICKET_LIFETIME_MS) {
      return failure('INVALID_TICKET', `Ticket ${ticketId} not recognized`);
    }
    if (ticket.service !== service) {
      return failure('INVALID_SERVICE', `Ticket ${ticketId} does not match supplied service`);
    }
    const account = options.accounts[ticket.login];
    const attributes =
      withAttributes && account
        ? [
            `<cas:cn>${escapeXml(account.name)}</cas:cn>`,
            account.employeeNo === undefined
              ? ''
              : `<cas:employeeNumber>${escapeXml(account.employeeNo)}</cas:employeeNumber>`,
            account.unitCode === undefined
              ? ''
              : `<cas:unitCode>${escapeXml(account.unitCode)}</cas:unitCode>`,
            `<cas:memberOf>staff</cas:memberOf><cas:memberOf>party</cas:memberOf>`,
          ].join('')
        : '';
    return serviceResponse(
      `<cas:authenticationSuccess><cas:user>${escapeXml(ticket.login)}</cas:user>${
        attributes ? `<cas:attributes>${attributes}</cas:attributes>` : ''
      }</cas:authenticationSuccess>`,
    );
  };

  const logout = async (tgt: string | undefined) => {
    const session = tgt ? sessions.get(tgt) : undefined;
    if (!tgt || !session) return;
    sessions.delete(tgt);
    for (const [ticket, service] of session.services) {
      const xml =
        `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ` +
        `xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-${randomBytes(8).toString('hex')}" ` +
        `Version="2.0" IssueInstant="${new Date().toISOString()}">` +
        `<saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>${ticket}</samlp:SessionIndex>` +
        `</samlp:LogoutRequest>`;
      const response = await fetch(service, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logoutRequest: xml }).toString(),
      });
      handle.logoutPosts.push({ service, ticket, status: response.status });
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', handle.url);
    const tgt = cookieOf(req, 'CASTGC');
    if (url.pathname === '/cas/login' && req.method === 'GET') {
      const service = url.searchParams.get('service') ?? '';
      if (tgt && sessions.has(tgt) && service) return issueTicket(res, service, tgt);
      return html(res, loginForm(service, ''));
    }
    if (url.pathname === '/cas/login' && req.method === 'POST') {
      const form = new URLSearchParams(await bodyOf(req));
      const login = form.get('username') ?? '';
      const service = form.get('service') ?? '';
      if (form.get('password') !== CAMPUS_PASSWORD || !login) {
        return html(res, loginForm(service, 'Invalid credentials.'), 401);
      }
      const newTgt = `TGT-${randomBytes(12).toString('hex')}`;
      sessions.set(newTgt, { login, services: new Map() });
      res.setHeader('set-cookie', `CASTGC=${newTgt}; Path=/cas; HttpOnly`);
      if (!service) return html(res, '<p>Log In Successful</p>');
      return issueTicket(res, service, newTgt);
    }
    if (url.pathname === '/cas/serviceValidate' || url.pathname === '/cas/p3/serviceValidate') {
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      return res.end(validate(url, url.pathname.startsWith('/cas/p3/')));
    }
    if (url.pathname === '/cas/logout') {
      await logout(tgt);
      res.setHeader('set-cookie', 'CASTGC=; Path=/cas; Max-Age=0');
      const service = url.searchParams.get('service');
      return service ? redirect(res, service) : html(res, '<p>Logout successful</p>');
    }
    res.writeHead(404).end();
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    setTimeout(() => {
      route(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    }, handle.delayMs);
  });
  return handle;
}

function loginForm(service: string, error: string): string {
  return `<h1>Central Authentication Service</h1>${error ? `<p class="error">${error}</p>` : ''}
<form method="post" action="/cas/login">
  <input type="hidden" name="service" value="${escapeXml(service)}">
  <label>Username <input name="username" id="username"></label>
  <label>Password <input name="password" id="password" type="password"></label>
  <button type="submit" name="submit">LOGIN</button>
</form>`;
}

function serviceResponse(inner: string): string {
  return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">${inner}</cas:serviceResponse>`;
}

function failure(code: string, message: string): string {
  return serviceResponse(
    `<cas:authenticationFailure code="${code}">${escapeXml(message)}</cas:authenticationFailure>`,
  );
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(res: ServerResponse, body: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><body>${body}</body></html>`);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location }).end();
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
