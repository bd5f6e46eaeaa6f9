import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RoleName } from '../access/role-name.js';
import { Account } from './account.entity.js';
import type { AuthUser } from './auth-user.js';
import type { MeDto } from './auth.dto.js';
import { LoginLimiter } from './login.limiter.js';
import { PasswordHasher } from './password.hasher.js';
import { type TokenPair, TokenService } from './token.service.js';
import { Transactions } from '../database/transactions.js';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
  ) {}

  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    await this.limiter.assertAllowed(username, ip);
    const account = await this.db
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('lower(a.username) = lower(:username)', { username: username.trim() })
      .getOne();
    // Verify against a stand-in hash when there is no such account, so timing does not tell.
    const passwordHash = account?.passwordHash ?? (await this.hasher.standIn());
    const ok = (await this.hasher.verify(passwordHash, password)) && account?.passwordHash != null;
    if (!account || !ok) {
      await this.limiter.recordFailure(username, ip);
      throw new UnauthorizedException('Wrong username or password. 用户名或密码错误。');
    }
    await this.limiter.recordSuccess(username);
    return this.tokens.issue(account.personId, account.username);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.tokens.rotate(refreshToken);
  }

  async logout(user: AuthUser, refreshToken: string): Promise<void> {
    const revoked = await this.tokens.revoke(refreshToken, user.personId);
    if (!revoked) throw new NotFoundException('No such refresh token for this user.');
  }

  /** Changes the caller's password and signs out every other session (all refresh tokens). */
  async changePassword(user: AuthUser, oldPassword: string, newPassword: string): Promise<void> {
    const account = await this.db.getRepository(Account).findOneBy({ personId: user.personId });
    const ok =
      account?.passwordHash != null &&
      (await this.hasher.verify(account.passwordHash, oldPassword));
    if (!ok) throw new UnauthorizedException('The current password is wrong. 原密码错误。');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.transactions.run(async (tx) => {
      await tx
        .getRepository(Account)
        .update(user.personId, { passwordHash, passwordChangedAt: new Date() });
      await this.tokens.revokeAllOf(tx, user.personId);
    });
  }

  async me(user: AuthUser): Promise<MeDto> {
    const [person] = await this.db.query<{ name: string; orgUnitId: string }[]>(
      `SELECT name, org_unit_id AS "orgUnitId" FROM person WHERE id = $1`,
      [user.personId],
    );
    if (!person) throw new UnauthorizedException('The account no longer exists.');
    const roles = await this.db.query<{ role: RoleName; orgUnitId: string; orgUnitName: string }[]>(
      `SELECT r.role, r.org_unit_id AS "orgUnitId", u.name AS "orgUnitName"
         FROM role_assignment r JOIN org_unit u ON u.id = r.org_unit_id
        WHERE r.person_id = $1 ORDER BY u.path, r.role`,
      [user.personId],
    );
    return { id: user.personId, username: user.username, ...person, roles };
  }
}
