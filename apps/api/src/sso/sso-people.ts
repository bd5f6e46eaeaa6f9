import { localDay } from '../common/time-zone.js';
import { moveMembership } from '../org/membership/membership.writer.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { returnedRows } from '../database/returned-rows.js';
import { Transactions } from '../database/transactions.js';
import { SecurityEvents } from '../security-events/security-events.service.js';
import { SsoRefusal } from './sso-refusal.js';

/** What a campus identity says about the person, read from the configured claims or attributes. */
export interface CampusIdentity {
  employeeNo: string;
  /** The campus unit code (SSO_OIDC_UNIT_CLAIM / SSO_CAS_UNIT_ATTRIBUTE); empty = none. */
  unitCode: string;
  name: string;
}

export interface MatchedPerson {
  personId: string;
  username: string;
}

interface RosterRow {
  personId: string;
  username: string | null;
  deactivated: boolean;
}

const PERSON_NAME_MAX = 100;

/**
 * The person a campus identity signs in as: the roster person with its 工号 (an account named by
 * the 工号 is opened for one who has none yet). Nobody else, unless the Organization Department
 * turned on 统一身份认证自动建档 for the unit whose campus unit code the identity carries: then a
 * person with no roles is created there, marked for the OD to confirm, and the creation recorded
 * in the security events.
 */
@Injectable()
export class SsoPeople {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly events: SecurityEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `providerName` names the identity service in the security events; `ip` is the browser's. */
  async personFor(
    identity: CampusIdentity,
    providerName: string,
    ip: string,
  ): Promise<MatchedPerson> {
    const employeeNo = identity.employeeNo.trim();
    if (!employeeNo) throw new SsoRefusal('no-employee-no', 'the identity carries no 工号');
    const known = await this.inRoster(this.db.manager, employeeNo);
    if (known) return this.signInAs(this.db.manager, known, employeeNo);
    const created = await this.autoCreate({ ...identity, employeeNo }, providerName, ip);
    if (created) return created;
    // Created meanwhile by a concurrent first sign-in of the same person.
    const raced = await this.inRoster(this.db.manager, employeeNo);
    if (!raced) throw new SsoRefusal('not-in-roster', `工号 ${employeeNo} is not in the roster`);
    return this.signInAs(this.db.manager, raced, employeeNo);
  }

  private async inRoster(em: EntityManager, employeeNo: string): Promise<RosterRow | undefined> {
    const rows = await em.query<RosterRow[]>(
      `SELECT p.id AS "personId", a.username, a.deactivated_at IS NOT NULL AS deactivated
         FROM person p LEFT JOIN account a ON a.person_id = p.id
        WHERE p.employee_no = $1`,
      [employeeNo],
    );
    return rows[0];
  }

  private async signInAs(
    em: EntityManager,
    person: RosterRow,
    employeeNo: string,
  ): Promise<MatchedPerson> {
    if (person.deactivated) {
      throw new SsoRefusal('inactive', `工号 ${employeeNo}: account deactivated`, person.personId);
    }
    const username = person.username ?? (await this.openAccount(em, person.personId, employeeNo));
    return { personId: person.personId, username };
  }

  /** An account named by the 工号, without a password (campus sign-in needs none). */
  private async openAccount(em: EntityManager, personId: string, employeeNo: string) {
    const taken = await em.query<unknown[]>(
      `SELECT 1 FROM account WHERE lower(username) = lower($1) AND person_id <> $2`,
      [employeeNo, personId],
    );
    if (taken.length > 0) {
      throw new SsoRefusal(
        'account-conflict',
        `工号 ${employeeNo} has no account and is another person's username`,
        personId,
      );
    }
    await em.query(
      `INSERT INTO account (person_id, username) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING`,
      [personId, employeeNo],
    );
    const [account] = await em.query<{ username: string }[]>(
      `SELECT username FROM account WHERE person_id = $1`,
      [personId],
    );
    return account!.username;
  }

  /** A new person in the unit that takes in this campus unit; undefined when one got there first. */
  private async autoCreate(
    identity: CampusIdentity,
    providerName: string,
    ip: string,
  ): Promise<MatchedPerson | undefined> {
    const { employeeNo } = identity;
    const unitCode = identity.unitCode.trim();
    const notInRoster = `工号 ${employeeNo} is not in the roster`;
    if (!unitCode) throw new SsoRefusal('not-in-roster', notInRoster);
    const [unit] = await this.db.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM org_unit WHERE sso_campus_unit_code = $1`,
      [unitCode],
    );
    if (!unit) {
      throw new SsoRefusal(
        'not-in-roster',
        `${notInRoster}, and no unit creates people of campus unit ${unitCode}`,
      );
    }
    const name = identity.name.trim().slice(0, PERSON_NAME_MAX) || employeeNo;
    return this.transactions.run(async (tx) => {
      const [person] = returnedRows<{ id: string }>(
        await tx.query(
          `INSERT INTO person (employee_no, name, org_unit_id, sso_created_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT (employee_no) DO NOTHING RETURNING id`,
          [employeeNo, name, unit.id, this.clock.now()],
        ),
      );
      if (!person) return undefined;
      await moveMembership(tx, person.id, unit.id, localDay(this.clock.now()));
      const username = await this.openAccount(tx, person.id, employeeNo);
      await this.events.record(
        {
          kind: 'sso_person_created',
          subject: { personId: person.id, username },
          ip,
          detail: `统一身份认证 ${providerName}: 自动建档 ${name}（工号 ${employeeNo}）→ ${unit.name}（统一身份认证单位 ${unitCode}），待组织部确认`,
        },
        tx,
      );
      return { personId: person.id, username };
    });
  }
}
