import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotAuthenticated, Forbidden } from '../common/errors.js';
import type { RoleName } from '../access/role-name.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { Transactions } from '../database/transactions.js';
import { SecurityEvents } from '../security-events/security-events.service.js';
import { localLoginAllowed } from '../sso/local-login.policy.js';
import { Account } from './account.entity.js';
import type { AuthUser } from './auth-user.js';
import { activationCodeHash } from './activation-code.js';
import type { MeDto } from './auth.dto.js';
import { LoginLimiter, type LoginAttempt } from './login.limiter.js';
import { PasswordHasher } from './password.hasher.js';
import { assertPasswordAllowed } from './password-policy.js';
import { type TokenPair, TokenService } from './token.service.js';

const WRONG_LOGIN = 'Wrong username or password. 用户名或密码错误。';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
    private readonly events: SecurityEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    if (!localLoginAllowed(this.options.sso, username)) {
      await this.events.record({
        kind: 'login_failed',
        subject: { username },
        ip,
        detail: 'password sign-in closed: 统一身份认证 required (SSO_REQUIRED)',
      });
      throw new Forbidden(
        'Sign in through the campus identity service. 本系统要求使用统一身份认证登录。',
      );
    }
    const attempt = await this.limiter.take(username, ip);
    const account = await this.accountNamed(username);
    // Verify against a stand-in hash when there is no such account, so timing does not tell.
    const passwordHash = account?.passwordHash ?? (await this.hasher.standIn());
    const ok = (await this.hasher.verify(passwordHash, password)) && account?.passwordHash != null;
    if (!account || !ok) {
      await this.failed(attempt, account?.personId, 'wrong username or password');
      throw new NotAuthenticated(WRONG_LOGIN);
    }
    if (account.deactivatedAt) {
      await this.failed(attempt, account.personId, 'account deactivated');
      throw new NotAuthenticated('This account is deactivated. 该账号已停用。');
    }
    await this.limiter.succeeded(attempt);
    await this.events.record({
      kind: 'login_succeeded',
      subject: { personId: account.personId, username: account.username },
      ip,
    });
    return this.tokens.issue(account.personId, account.username);
  }

  /**
   * First sign-in of an imported person: their one-time code and the password they choose.
   * A wrong code counts against the same allowance as a wrong password.
   */
  async activate(
    username: string,
    code: string,
    newPassword: string,
    ip: string,
  ): Promise<TokenPair> {
    const attempt = await this.limiter.take(username, ip);
    const account = await this.accountNamed(username);
    const codeHash = activationCodeHash(code);
    const [stored] = account
      ? await this.db.query<{ expiresAt: Date }[]>(
          `SELECT expires_at AS "expiresAt" FROM activation_code
            WHERE person_id = $1 AND code_hash = $2`,
          [account.personId, codeHash],
        )
      : [];
    if (
      !account ||
      !stored ||
      account.deactivatedAt ||
      new Date(stored.expiresAt) <= this.clock.now()
    ) {
      await this.failed(attempt, account?.personId, 'wrong or expired activation code');
      throw new NotAuthenticated(
        'Wrong username or activation code, or the code has expired. 用户名或激活码错误，或激活码已过期。',
      );
    }
    await this.limiter.succeeded(attempt);
    assertPasswordAllowed(newPassword, account.username, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    const used = await this.transactions.run(async (tx) => {
      // Single use: only the request that deletes the code goes on.
      const deleted = await tx.query<unknown[]>(
        `DELETE FROM activation_code WHERE person_id = $1 AND code_hash = $2 RETURNING person_id`,
        [account.personId, codeHash],
      );
      if (deleted.length === 0) return false;
      await tx
        .getRepository(Account)
        .update(account.personId, { passwordHash, passwordChangedAt: this.clock.now() });
      await this.events.record(
        {
          kind: 'account_activated',
          subject: { personId: account.personId, username: account.username },
          ip,
        },
        tx,
      );
      return true;
    });
    if (!used) throw new NotAuthenticated('The activation code has been used. 激活码已被使用。');
    return this.tokens.issue(account.personId, account.username);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.tokens.rotate(refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  /**
   * Changes the caller's password and ends every other session of the person (their refresh and access tokens).
   * A wrong old password counts against the same allowance as a wrong login.
   */
  async changePassword(
    user: AuthUser,
    oldPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<void> {
    const attempt = await this.limiter.take(user.username, ip);
    const account = await this.db.getRepository(Account).findOneBy({ personId: user.personId });
    const ok =
      account?.passwordHash != null &&
      (await this.hasher.verify(account.passwordHash, oldPassword));
    if (!ok) {
      await this.failed(attempt, user.personId, 'wrong old password');
      throw new NotAuthenticated('The current password is wrong. 原密码错误。');
    }
    await this.limiter.succeeded(attempt);
    assertPasswordAllowed(newPassword, user.username, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.transactions.run(async (tx) => {
      await tx
        .getRepository(Account)
        .update(user.personId, { passwordHash, passwordChangedAt: new Date() });
      await this.tokens.revokeAllOf(tx, user.personId, user.sessionId);
      await this.events.record(
        {
          kind: 'password_changed',
          actor: user,
          subject: { personId: user.personId, username: user.username },
          ip,
        },
        tx,
      );
    });
  }

  async me(user: AuthUser): Promise<MeDto> {
    const [person] = await this.db.query<{ name: string; orgUnitId: string }[]>(
      `SELECT name, org_unit_id AS "orgUnitId" FROM person WHERE id = $1`,
      [user.personId],
    );
    if (!person) throw new NotAuthenticated('The account no longer exists.');
    const roles = await this.db.query<{ role: RoleName; orgUnitId: string; orgUnitName: string }[]>(
      `SELECT r.role, r.org_unit_id AS "orgUnitId", u.name AS "orgUnitName"
         FROM role_assignment r JOIN org_unit u ON u.id = r.org_unit_id
        WHERE r.person_id = $1 ORDER BY u.path, r.role`,
      [user.personId],
    );
    return { id: user.personId, username: user.username, ...person, roles };
  }

  /** The account a username names, whatever its case. */
  accountNamed(username: string): Promise<Account | null> {
    return this.db
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('lower(a.username) = lower(:username)', { username: username.trim() })
      .getOne();
  }

  /** Logs a failed password check, and the lockout when it was the last one allowed. */
  async failed(attempt: LoginAttempt, personId: string | undefined, why: string): Promise<void> {
    const subject = { personId, username: attempt.username };
    await this.events.record({ kind: 'login_failed', subject, ip: attempt.ip, detail: why });
    if (attempt.locksOut) {
      await this.events.record({
        kind: 'login_locked',
        subject,
        ip: attempt.ip,
        detail: 'too many failed attempts: locked for 15 minutes',
      });
    }
  }
}
