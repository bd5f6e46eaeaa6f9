import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFound, Conflict } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import {
  ACTIVATION_CODE_TTL_DAYS,
  activationCodeHash,
  newActivationCode,
} from '../auth/activation-code.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PersonRoles } from '../auth/person-roles.js';
import { TokenService } from '../auth/token.service.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { Transactions } from '../database/transactions.js';
import { SecurityEvents } from '../security-events/security-events.service.js';
import type { ActivationCodeDto } from './person.dto.js';

/** Who manages accounts: OD anywhere, a committee within its subtree. */
export const ACCOUNT_ADMIN_ROLES: RoleName[] = ['od_admin', ...COMMITTEE_ROLES];

export interface IssuedCode extends ActivationCodeDto {
  employeeNo: string;
  name: string;
  orgUnitName: string;
}

interface AccountHolder {
  id: string;
  employeeNo: string;
  name: string;
  orgUnitId: string;
  orgUnitName: string;
  username: string | null;
  deactivatedAt: Date | null;
}

const HOLDER = `SELECT p.id, p.employee_no AS "employeeNo", p.name, p.org_unit_id AS "orgUnitId",
    u.name AS "orgUnitName", a.username, a.deactivated_at AS "deactivatedAt"
  FROM person p JOIN org_unit u ON u.id = p.org_unit_id LEFT JOIN account a ON a.person_id = p.id`;

/**
 * Accounts of people, as their administrators manage them: one-time activation codes (issued
 * one by one or for a whole unit), deactivation and reactivation.
 */
@Injectable()
export class PersonAccountService {
  constructor(
    private readonly access: AccessService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly tokens: TokenService,
    private readonly personRoles: PersonRoles,
    private readonly events: SecurityEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A new one-time code for one person: any earlier code and the password stop working, every
   * session of theirs ends, and they choose a new password with the code.
   */
  async resetToCode(user: AuthUser, personId: string, ip: string): Promise<ActivationCodeDto> {
    const person = await this.holderInReach(user, personId);
    if (person.deactivatedAt) {
      throw new Conflict(
        `${person.name}'s account is deactivated; reactivate it first. 该账号已停用，请先启用。`,
      );
    }
    const issued = await this.transactions.run(async (tx) => {
      const code = await this.issueIn(tx, person);
      await this.tokens.revokeAllOf(tx, person.id);
      await this.events.record(
        { kind: 'activation_code_issued', actor: user, subject: { personId: person.id }, ip },
        tx,
      );
      return code;
    });
    return { username: issued.username, code: issued.code, expiresAt: issued.expiresAt };
  }

  /** New codes for everyone in the unit's subtree not yet active (earlier codes stop working). */
  async codesForUnit(user: AuthUser, orgUnitId: string, ip: string): Promise<IssuedCode[]> {
    await this.access.assertRole(user, orgUnitId, ACCOUNT_ADMIN_ROLES);
    const pattern = `${await this.access.pathOf(orgUnitId)}%`;
    return this.transactions.run(async (tx) => {
      const people = await tx.query<AccountHolder[]>(
        `${HOLDER} WHERE u.path LIKE $1 AND a.deactivated_at IS NULL AND a.password_hash IS NULL
          ORDER BY u.path, p.employee_no`,
        [pattern],
      );
      const issued: IssuedCode[] = [];
      for (const person of people) issued.push(await this.issueIn(tx, person));
      await this.events.record(
        {
          kind: 'activation_code_issued',
          actor: user,
          ip,
          detail: `导出激活码 ${issued.length} 人：${people[0]?.orgUnitName ?? ''} 及下级组织`,
        },
        tx,
      );
      return issued;
    });
  }

  /** Switches the account off: its sessions and refresh tokens end at once. */
  async deactivate(user: AuthUser, personId: string, ip: string): Promise<void> {
    const person = await this.holderInReach(user, personId);
    if (person.id === user.personId) {
      throw new Conflict('You cannot deactivate your own account. 不能停用自己的账号。');
    }
    if (!person.username) throw new NotFound(`${person.name} has no account.`);
    await this.transactions.run(async (tx) => {
      await tx.query(`UPDATE account SET deactivated_at = $2 WHERE person_id = $1`, [
        person.id,
        this.clock.now(),
      ]);
      await tx.query(`DELETE FROM activation_code WHERE person_id = $1`, [person.id]);
      await this.tokens.revokeAllOf(tx, person.id);
      await this.events.record(
        { kind: 'account_deactivated', actor: user, subject: { personId: person.id }, ip },
        tx,
      );
    });
    this.personRoles.forget(person.id);
  }

  async reactivate(user: AuthUser, personId: string, ip: string): Promise<void> {
    const person = await this.holderInReach(user, personId);
    if (!person.username) throw new NotFound(`${person.name} has no account.`);
    await this.transactions.run(async (tx) => {
      await tx.query(`UPDATE account SET deactivated_at = NULL WHERE person_id = $1`, [person.id]);
      await this.events.record(
        { kind: 'account_reactivated', actor: user, subject: { personId: person.id }, ip },
        tx,
      );
    });
    this.personRoles.forget(person.id);
  }

  private async holderInReach(user: AuthUser, personId: string): Promise<AccountHolder> {
    const [person] = await this.db.query<AccountHolder[]>(`${HOLDER} WHERE p.id = $1`, [personId]);
    if (!person) throw new NotFound(`Person ${personId} does not exist.`);
    await this.access.assertRole(user, person.orgUnitId, ACCOUNT_ADMIN_ROLES);
    return person;
  }

  /**
   * Stores a new code's hash (replacing any earlier one) and clears the password. A person
   * without an account gets one named by their 工号.
   */
  private async issueIn(tx: EntityManager, person: AccountHolder): Promise<IssuedCode> {
    const username = person.username ?? (await this.openAccount(tx, person));
    const code = newActivationCode();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_TTL_DAYS * 24 * 3600_000);
    await tx.query(
      `INSERT INTO activation_code (person_id, code_hash, expires_at, created_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id) DO UPDATE
         SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
             created_at = excluded.created_at`,
      [person.id, activationCodeHash(code), expiresAt, now],
    );
    await tx.query(`UPDATE account SET password_hash = NULL WHERE person_id = $1`, [person.id]);
    return {
      employeeNo: person.employeeNo,
      name: person.name,
      orgUnitName: person.orgUnitName,
      username,
      code,
      expiresAt,
    };
  }

  private async openAccount(tx: EntityManager, person: AccountHolder): Promise<string> {
    const taken = await tx.query<unknown[]>(
      `SELECT 1 FROM account WHERE lower(username) = lower($1)`,
      [person.employeeNo],
    );
    if (taken.length > 0) {
      throw new Conflict(
        `${person.name} (${person.employeeNo}) has no account and the username ${person.employeeNo} is taken; give them a username in the roster first. 该工号已被用作他人的用户名，请先在花名册中为其指定用户名。`,
      );
    }
    await tx.query(`INSERT INTO account (person_id, username) VALUES ($1, $2)`, [
      person.id,
      person.employeeNo,
    ]);
    return person.employeeNo;
  }
}
