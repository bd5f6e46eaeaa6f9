import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import * as openid from 'openid-client';
import { DataSource } from 'typeorm';
import { NotAuthenticated } from '../common/errors.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { EndedSessions } from '../auth/ended-sessions.js';
import { type TokenPair, TokenService } from '../auth/token.service.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { returnedRows } from '../database/returned-rows.js';
import { Transactions } from '../database/transactions.js';
import { SecurityEvents } from '../security-events/security-events.service.js';
import { CasClient, sessionIndexIn } from './cas.client.js';
import { OidcClient } from './oidc.client.js';
import { SsoRefusal } from './sso-refusal.js';
import { type MatchedPerson, SsoPeople } from './sso-people.js';
import type { SsoOptions, SsoProviderId } from './sso.options.js';

/** How long the identity service may take between our redirect and its callback. */
const ATTEMPT_TTL_MS = 10 * 60_000;
/** How long the browser has to trade the one-time code for tokens after the callback. */
const HANDOFF_TTL_MS = 60_000;
/** Attempts are kept for CAS single logout as long as a refresh token could live. */
const KEEP_ATTEMPTS_MS = 30 * 24 * 3600_000;

export const SSO_CALLBACK_PATH = '/api/auth/sso';

/** Refuses a callback arriving in a browser that did not begin the sign-in (login CSRF). */
function assertSameBrowser(state: string, browserState: string): void {
  if (!state || state !== browserState) {
    throw new SsoRefusal('state', 'the state does not match this browser’s sign-in cookie');
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const randomSecret = () => randomBytes(32).toString('base64url');

/**
 * Campus sign-in: sends the browser to the identity service, checks what comes back, matches the
 * identity's 工号 to a person in the roster, and hands the browser a one-time code it trades for
 * the same tokens a local login gets. Who the identity signs in as is sso-people.ts's answer.
 */
@Injectable()
export class SsoService {
  private readonly options: SsoOptions | undefined;
  private readonly oidc: OidcClient | undefined;
  private readonly cas: CasClient | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) appOptions: AppOptions,
    private readonly tokens: TokenService,
    private readonly endedSessions: EndedSessions,
    private readonly transactions: Transactions,
    private readonly events: SecurityEvents,
    private readonly people: SsoPeople,
  ) {
    this.options = appOptions.sso;
    const sso = this.options;
    if (sso?.oidc) this.oidc = new OidcClient(sso.oidc, this.callbackUrl('oidc'), sso.timeoutMs);
    if (sso?.cas) this.cas = new CasClient(sso.cas, sso.timeoutMs);
  }

  /** The providers the login page offers, and whether local passwords are limited. */
  providers(): { providers: SsoProviderId[]; required: boolean } {
    const providers: SsoProviderId[] = [];
    if (this.oidc) providers.push('oidc');
    if (this.cas) providers.push('cas');
    return { providers, required: this.options?.required ?? false };
  }

  isEnabled(provider: SsoProviderId): boolean {
    return provider === 'oidc' ? this.oidc !== undefined : this.cas !== undefined;
  }

  /**
   * Where to send the browser to sign in, and the state, remembered here for the callback and
   * kept by the browser in a cookie (so a callback only completes in the browser that began it).
   */
  async begin(provider: SsoProviderId): Promise<{ url: URL; state: string }> {
    const state = randomSecret();
    const now = this.clock.now();
    let url: URL;
    let nonce: string | null = null;
    let codeVerifier: string | null = null;
    if (provider === 'oidc') {
      nonce = openid.randomNonce();
      codeVerifier = openid.randomPKCECodeVerifier();
      url = await this.oidcClient().authorizationUrl({ state, nonce, codeVerifier });
    } else {
      url = this.casClient().loginUrl(this.casService(state));
    }
    await this.db.query(
      `WITH stale AS (DELETE FROM sso_sign_in WHERE created_at < $6)
       INSERT INTO sso_sign_in (state_hash, provider, nonce, code_verifier, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        sha256(state),
        provider,
        nonce,
        codeVerifier,
        now,
        new Date(now.getTime() - KEEP_ATTEMPTS_MS),
      ],
    );
    return { url, state };
  }

  /**
   * Checks the OIDC callback; answers the one-time code for the browser. A refusal is recorded
   * in the security events with the identity provider named, then thrown.
   */
  completeOidc(query: URLSearchParams, browserState: string, ip: string): Promise<string> {
    return this.audited('oidc', ip, () => {
      assertSameBrowser(query.get('state') ?? '', browserState);
      return this.checkOidc(query, ip);
    });
  }

  /** Validates the CAS service ticket; answers the one-time code (refusals as for OIDC). */
  completeCas(state: string, ticket: string, browserState: string, ip: string): Promise<string> {
    return this.audited('cas', ip, () => {
      assertSameBrowser(state, browserState);
      return this.checkCas(state, ticket, ip);
    });
  }

  private async checkOidc(query: URLSearchParams, ip: string): Promise<string> {
    const state = query.get('state') ?? '';
    const attempt = await this.claimAttempt('oidc', state);
    const callbackUrl = new URL(this.callbackUrl('oidc'));
    callbackUrl.search = query.toString();
    const claims = await this.oidcClient().signIn(callbackUrl, {
      state,
      nonce: attempt.nonce ?? '',
      codeVerifier: attempt.codeVerifier ?? '',
    });
    const { employeeNoClaim, unitClaim, nameClaim } = this.options!.oidc!;
    const claim = (name: string | undefined) => {
      const value = name ? claims[name] : undefined;
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    };
    const identity = {
      employeeNo: claim(employeeNoClaim),
      unitCode: claim(unitClaim),
      name: claim(nameClaim),
    };
    const person = await this.people.personFor(identity, this.providerName('oidc'), ip);
    return this.handOff(state, person, claim('sid') || null);
  }

  private async checkCas(state: string, ticket: string, ip: string): Promise<string> {
    await this.claimAttempt('cas', state);
    const { user, attributes } = await this.casClient().validate(ticket, this.casService(state));
    const { employeeNoAttribute, unitAttribute, nameAttribute } = this.options!.cas!;
    const attribute = (name: string | undefined) => (name ? (attributes[name]?.[0] ?? '') : '');
    const identity = {
      employeeNo: employeeNoAttribute ? attribute(employeeNoAttribute) : user,
      unitCode: attribute(unitAttribute),
      name: attribute(nameAttribute),
    };
    const person = await this.people.personFor(identity, this.providerName('cas'), ip);
    return this.handOff(state, person, ticket);
  }

  /** Trades the one-time code for tokens, once, within a minute of the callback. */
  async exchange(code: string, ip: string): Promise<TokenPair> {
    const now = this.clock.now();
    const rows = returnedRows<{
      stateHash: string;
      provider: SsoProviderId;
      personId: string;
      username: string;
    }>(
      await this.db.query(
        `UPDATE sso_sign_in s SET handed_off_at = $2
           FROM account a
          WHERE s.handoff_hash = $1 AND s.handed_off_at IS NULL AND s.returned_at > $3
            AND a.person_id = s.person_id AND a.deactivated_at IS NULL
        RETURNING s.state_hash AS "stateHash", s.provider, s.person_id AS "personId", a.username`,
        [sha256(code), now, new Date(now.getTime() - HANDOFF_TTL_MS)],
      ),
    );
    const row = rows[0];
    if (!row) {
      await this.events.record({
        kind: 'login_failed',
        ip,
        detail: '统一身份认证: sign-in code unknown, used or expired',
      });
      throw new NotAuthenticated(
        'The sign-in code is unknown, used or expired. 登录凭据无效或已过期，请重新登录。',
      );
    }
    const pair = await this.tokens.issue(row.personId, row.username);
    await this.db.query(
      `UPDATE sso_sign_in SET token_family_id = r.family_id
         FROM refresh_token r WHERE sso_sign_in.state_hash = $1 AND r.token_hash = $2`,
      [row.stateHash, sha256(pair.refreshToken)],
    );
    await this.events.record({
      kind: 'login_succeeded',
      subject: { personId: row.personId, username: row.username },
      ip,
      detail: `统一身份认证 ${this.providerName(row.provider)}`,
    });
    return pair;
  }

  /**
   * CAS single logout: ends the sessions started with that service ticket, their refresh tokens
   * and their access tokens (auth/ended-sessions.ts). Answers whether there was one.
   */
  async singleLogout(logoutRequest: string): Promise<boolean> {
    const ticket = sessionIndexIn(logoutRequest);
    if (!ticket) return false;
    return this.endSessions('cas', ticket);
  }

  private async endSessions(provider: SsoProviderId, sessionIndex: string): Promise<boolean> {
    const rows = await this.db.query<{ familyId: string }[]>(
      `SELECT token_family_id AS "familyId" FROM sso_sign_in
        WHERE provider = $1 AND session_index = $2 AND token_family_id IS NOT NULL`,
      [provider, sessionIndex],
    );
    const families = rows.map((r) => r.familyId);
    await this.transactions.run((tx) => this.endedSessions.end(tx, families));
    return families.length > 0;
  }

  /** Where the browser goes after signing out here, to end the campus session too. */
  async logoutUrl(provider: SsoProviderId): Promise<URL> {
    const loginPage = this.pageUrl('/login');
    if (provider === 'cas') return this.casClient().logoutUrl(loginPage);
    return (await this.oidcClient().logoutUrl(loginPage)) ?? new URL(loginPage);
  }

  /** The web app page the browser lands on, with a code or the reason of a refusal. */
  pageUrl(path: string, query: Record<string, string> = {}): string {
    const url = new URL(`${this.options!.publicUrl.href.replace(/\/$/, '')}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.href;
  }

  callbackUrl(provider: SsoProviderId): string {
    return this.pageUrl(`${SSO_CALLBACK_PATH}/${provider}/callback`);
  }

  private casService(state: string): string {
    return this.pageUrl(`${SSO_CALLBACK_PATH}/cas/callback`, { state });
  }

  /** Marks the attempt as returned; refuses an unknown, used or expired state. */
  private async claimAttempt(
    provider: SsoProviderId,
    state: string,
  ): Promise<{ nonce: string | null; codeVerifier: string | null }> {
    const now = this.clock.now();
    const rows = returnedRows<{ nonce: string | null; codeVerifier: string | null }>(
      await this.db.query(
        `UPDATE sso_sign_in SET returned_at = $3
          WHERE state_hash = $1 AND provider = $2 AND returned_at IS NULL AND created_at > $4
        RETURNING nonce, code_verifier AS "codeVerifier"`,
        [sha256(state), provider, now, new Date(now.getTime() - ATTEMPT_TTL_MS)],
      ),
    );
    if (!rows[0]) throw new SsoRefusal('state', 'unknown, used or expired state');
    return rows[0];
  }

  private async handOff(
    state: string,
    person: MatchedPerson,
    sessionIndex: string | null,
  ): Promise<string> {
    const code = randomSecret();
    await this.db.query(
      `UPDATE sso_sign_in SET person_id = $2, session_index = $3, handoff_hash = $4
        WHERE state_hash = $1`,
      [sha256(state), person.personId, sessionIndex, sha256(code)],
    );
    return code;
  }

  private async audited(
    provider: SsoProviderId,
    ip: string,
    work: () => Promise<string>,
  ): Promise<string> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SsoRefusal) {
        await this.events.record({
          kind: 'login_failed',
          subject: error.personId ? { personId: error.personId } : null,
          ip,
          detail: `统一身份认证 ${this.providerName(provider)}: ${error.reason}: ${error.detail}`,
        });
      }
      throw error;
    }
  }

  /** The identity provider as the security events name it. */
  private providerName(provider: SsoProviderId): string {
    return provider === 'oidc'
      ? `OIDC ${this.options!.oidc!.issuer.href}`
      : `CAS ${this.options!.cas!.serverUrl.href}`;
  }

  private oidcClient(): OidcClient {
    if (!this.oidc) throw new SsoRefusal('unavailable', 'OIDC is not configured');
    return this.oidc;
  }

  private casClient(): CasClient {
    if (!this.cas) throw new SsoRefusal('unavailable', 'CAS is not configured');
    return this.cas;
  }
}
