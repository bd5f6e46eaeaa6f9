import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { NotAuthenticated } from '../common/errors.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import type { AccessTokenClaims, AuthUser } from './auth-user.js';
import { EndedSessions } from './ended-sessions.js';
import { RefreshToken } from './refresh-token.entity.js';
import { STREAM_TICKET_SECONDS } from './stream-ticket.js';
import { Transactions } from '../database/transactions.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
}

type StreamTicketClaims = AccessTokenClaims & { use: 'stream'; iat: number };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Access tokens whose signature has been checked, kept by this process (oldest dropped first). */
const MAX_VERIFIED_TOKENS = 10_000;

/** Issues access JWTs on the injected clock, and opaque refresh tokens rotated per family. */
@Injectable()
export class TokenService {
  private readonly accessTtl: number;
  private readonly refreshTtlMs: number;
  /** How long a refresh token (and its cookie) lives. */
  readonly refreshTtlSeconds: number;
  /**
   * Claims of access tokens already verified, by the whole token string: checking an HMAC
   * signature on every request costs more than the rest of the guard. Only the expiry is checked
   * again, on the injected clock. The guard refuses a token whose session has ended
   * (ended-sessions.ts): signed out, its refresh token reused, the password changed, or ended by
   * the identity service.
   */
  private readonly verified = new Map<string, AccessTokenClaims & { exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly endedSessions: EndedSessions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.accessTtl = options.accessTokenTtlSeconds ?? 900;
    this.refreshTtlSeconds = options.refreshTokenTtlSeconds ?? 14 * 24 * 3600;
    this.refreshTtlMs = this.refreshTtlSeconds * 1000;
  }

  /**
   * Signs a person in: a new access token and a new refresh-token family. Every way of signing
   * in (password, activation code, single sign-on) ends here; the controller puts the refresh
   * token in its cookie (`refresh-cookie.ts`).
   */
  issue(personId: string, username: string): Promise<TokenPair> {
    return this.transactions.run((tx) => this.issueIn(tx, personId, username, randomUUID()));
  }

  /** Spends a refresh token and returns the next pair; reusing a spent token revokes its family. */
  async rotate(refreshToken: string): Promise<TokenPair> {
    type Outcome = { pair: TokenPair } | { error: 'unknown' | 'reused' | 'expired' };
    const outcome = await this.transactions.run(async (tx): Promise<Outcome> => {
      const row = await tx.getRepository(RefreshToken).findOne({
        where: { tokenHash: sha256(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return { error: 'unknown' };
      const now = this.clock.now();
      if (row.revokedAt) {
        await this.endedSessions.end(tx, [row.familyId]);
        return { error: 'reused' };
      }
      if (row.expiresAt <= now) return { error: 'expired' };
      await tx.getRepository(RefreshToken).update(row.id, { revokedAt: now });
      const username = await this.usernameOf(tx, row.personId);
      return { pair: await this.issueIn(tx, row.personId, username, row.familyId) };
    });
    if ('pair' in outcome) return outcome.pair;
    throw new NotAuthenticated(
      `The refresh token is ${outcome.error === 'unknown' ? 'invalid' : outcome.error}.`,
    );
  }

  /**
   * Ends the session of the given refresh token (sign-out): its refresh tokens are revoked and
   * the access tokens issued in it refused. An unknown token changes nothing.
   */
  async revoke(refreshToken: string): Promise<void> {
    const row = await this.db
      .getRepository(RefreshToken)
      .findOneBy({ tokenHash: sha256(refreshToken) });
    if (row) await this.transactions.run((tx) => this.endedSessions.end(tx, [row.familyId]));
  }

  /**
   * Ends every live session of a person (account deactivated, password reset), or every one
   * but the caller's own (password changed by the person).
   */
  async revokeAllOf(tx: EntityManager, personId: string, exceptSessionId?: string): Promise<void> {
    const live = await tx.query<{ familyId: string }[]>(
      `SELECT DISTINCT family_id AS "familyId" FROM refresh_token
        WHERE person_id = $1 AND revoked_at IS NULL
          AND family_id IS DISTINCT FROM $2::uuid`,
      [personId, exceptSessionId ?? null],
    );
    await this.endedSessions.end(
      tx,
      live.map((row) => row.familyId),
    );
  }

  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    const now = this.seconds();
    const known = this.verified.get(token);
    if (known && known.exp > now) return known;
    this.verified.delete(token);
    const claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, {
      clockTimestamp: now,
    });
    // A token without an expiry would never end: only tokens this service issued count.
    if (typeof claims.exp !== 'number') throw new Error('access token without exp');
    // a stream ticket opens event streams only (stream-ticket.ts)
    if ((claims as { use?: unknown }).use !== undefined) throw new Error('not an access token');
    if (this.verified.size >= MAX_VERIFIED_TOKENS) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { ...claims, exp: claims.exp });
    return claims;
  }

  /** A stream ticket of the caller's session (stream-ticket.ts): opens event streams only. */
  issueStreamTicket(user: AuthUser): Promise<string> {
    const claims: StreamTicketClaims = {
      sub: user.personId,
      username: user.username,
      ...(user.sessionId ? { sid: user.sessionId } : {}),
      use: 'stream',
      iat: this.seconds(),
    };
    return this.jwt.signAsync(claims, { expiresIn: STREAM_TICKET_SECONDS });
  }

  /** The claims of a stream ticket this service issued and that has not expired. */
  async verifyStreamTicket(ticket: string): Promise<AccessTokenClaims> {
    const claims = await this.jwt.verifyAsync<StreamTicketClaims & { exp?: number }>(ticket, {
      clockTimestamp: this.seconds(),
    });
    if (typeof claims.exp !== 'number' || claims.use !== 'stream') {
      throw new Error('not a stream ticket');
    }
    return { sub: claims.sub, username: claims.username, sid: claims.sid };
  }

  private async issueIn(
    tx: EntityManager,
    personId: string,
    username: string,
    familyId: string,
  ): Promise<TokenPair> {
    const claims: AccessTokenClaims & { iat: number } = {
      sub: personId,
      username,
      sid: familyId,
      iat: this.seconds(),
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.accessTtl });
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await tx.getRepository(RefreshToken).insert({
      personId,
      familyId,
      tokenHash: sha256(refreshToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.refreshTtlMs),
      revokedAt: null,
    });
    return { accessToken, refreshToken, expiresIn: this.accessTtl };
  }

  private async usernameOf(tx: EntityManager, personId: string): Promise<string> {
    const rows = await tx.query<{ username: string }[]>(
      'SELECT username FROM account WHERE person_id = $1 AND deactivated_at IS NULL',
      [personId],
    );
    const username = rows[0]?.username;
    if (!username) {
      throw new NotAuthenticated('The account is deactivated or no longer exists. 账号已停用。');
    }
    return username;
  }

  private seconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
