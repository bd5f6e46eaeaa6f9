import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { InvalidInput, Forbidden } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import { ORG_ADMIN_ROLES, ORG_READ_ROLES } from '../../access/role-name.js';
import { Account } from '../../auth/account.entity.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import { OrgUnit } from '../org-unit.entity.js';
import { Person } from '../person.entity.js';
import { RoleAssignment } from '../role-assignment.entity.js';
import { GENDER_LABELS, MEMBER_TYPE_LABELS } from './roster.columns.js';
import type { SheetError } from '../../common/spreadsheet.js';
import { type RosterLookup, type RosterRecord, validateRoster } from './roster.validator.js';
import { readRoster, writeRoster } from './roster.workbook.js';
import { Transactions } from '../../database/transactions.js';
import { PersonRoles } from '../../auth/person-roles.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { localDay } from '../../common/time-zone.js';
import { moveMembership } from '../membership/membership.writer.js';

export interface RosterImportResult {
  imported: number;
  created: number;
  updated: number;
}

/** Roster (花名册) import and export; an import writes every row or none. */
@Injectable()
export class RosterService {
  constructor(
    private readonly access: AccessService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly personRoles: PersonRoles,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async import(user: AuthUser, file: Buffer): Promise<RosterImportResult> {
    if (!(await this.access.visiblePathPatterns(user, ORG_ADMIN_ROLES)).length) {
      throw new Forbidden(
        bilingual(
          '只有管理组织的干部可以导入花名册',
          'Only officers who manage org units can import a roster.',
        ),
      );
    }
    const parsed = await readRoster(file);
    if (parsed.errors.length > 0) throw badRoster(parsed.errors);
    const { records, errors } = validateRoster(parsed.rows, await this.lookup(user, parsed.rows));
    if (errors.length > 0) throw badRoster(errors);
    if (records.length === 0)
      throw badRoster([
        {
          row: 2,
          column: 'file',
          reason: bilingual('没有数据行', 'no data rows'),
          field: 'file',
          message: bilingual('没有数据行', 'no data rows'),
        },
      ]);
    const result = await this.transactions.run(async (tx) => {
      let created = 0;
      for (const record of records) {
        if (await this.upsert(tx, record)) created++;
      }
      return { imported: records.length, created, updated: records.length - created };
    });
    this.personRoles.forget();
    return result;
  }

  async export(user: AuthUser, orgUnitId?: string): Promise<Buffer> {
    const patterns = await this.access.visiblePathPatterns(user, ORG_READ_ROLES);
    if (patterns.length === 0)
      throw new Forbidden(
        bilingual('只有干部可以导出花名册', 'Only officers can export a roster.'),
      );
    const params: unknown[] = [patterns];
    let scope = '';
    if (orgUnitId) {
      await this.access.assertRole(user, orgUnitId, ORG_READ_ROLES);
      params.push(`${await this.access.pathOf(orgUnitId)}%`);
      scope = ` AND u.path LIKE $2`;
    }
    const people = await this.db.query<
      {
        employeeNo: string;
        name: string;
        gender: keyof typeof GENDER_LABELS | null;
        phone: string | null;
        code: string;
        unitName: string;
        memberType: keyof typeof MEMBER_TYPE_LABELS | null;
        joinedPartyOn: string | null;
        username: string | null;
      }[]
    >(
      `SELECT p.employee_no AS "employeeNo", p.name, p.gender, p.phone, u.code, u.name AS "unitName",
              p.member_type AS "memberType", to_char(p.joined_party_on, 'YYYY-MM-DD') AS "joinedPartyOn",
              a.username
         FROM person p JOIN org_unit u ON u.id = p.org_unit_id LEFT JOIN account a ON a.person_id = p.id
        WHERE u.path LIKE ANY($1::text[])${scope}
        ORDER BY u.path, p.employee_no`,
      params,
    );
    return writeRoster(
      people.map((p) => ({
        employeeNo: p.employeeNo,
        name: p.name,
        gender: p.gender ? GENDER_LABELS[p.gender] : '',
        phone: p.phone ?? '',
        orgUnitCode: p.code,
        orgUnitName: p.unitName,
        memberType: p.memberType ? MEMBER_TYPE_LABELS[p.memberType] : '',
        joinedPartyOn: p.joinedPartyOn ?? '',
        username: p.username ?? '',
      })),
    );
  }

  private async lookup(
    user: AuthUser,
    rows: { employeeNo: string; orgUnitCode: string; username: string }[],
  ): Promise<RosterLookup> {
    const units = await this.db
      .getRepository(OrgUnit)
      .findBy({ code: In(unique(rows.map((r) => r.orgUnitCode))) });
    const people = await this.db
      .getRepository(Person)
      .findBy({ employeeNo: In(unique(rows.map((r) => r.employeeNo))) });
    const usernames = unique(rows.map((r) => r.username.toLowerCase()));
    const accounts = usernames.length
      ? await this.db
          .getRepository(Account)
          .createQueryBuilder('a')
          .where('lower(a.username) IN (:...usernames)', { usernames })
          .getMany()
      : [];
    const manages = (unitId: string) => this.access.hasRole(user, unitId, ORG_ADMIN_ROLES);
    return {
      unitsByCode: new Map(
        await Promise.all(
          units.map(
            async (u) =>
              [u.code, { id: u.id, name: u.name, manageable: await manages(u.id) }] as const,
          ),
        ),
      ),
      peopleByEmployeeNo: new Map(
        await Promise.all(
          people.map(
            async (p) =>
              [p.employeeNo, { id: p.id, manageable: await manages(p.orgUnitId) }] as const,
          ),
        ),
      ),
      usernameOwners: new Map(accounts.map((a) => [a.username.toLowerCase(), a.personId])),
      today: localDay(this.clock.now()),
    };
  }

  /** Writes one row; true when it created a new person. */
  private async upsert(tx: EntityManager, record: RosterRecord): Promise<boolean> {
    const people = tx.getRepository(Person);
    const existing = await people.findOneBy({ employeeNo: record.employeeNo });
    const fields = {
      name: record.name,
      gender: record.gender,
      phone: record.phone,
      orgUnitId: record.orgUnitId,
      memberType: record.memberType,
      joinedPartyOn: record.joinedPartyOn,
    };
    let personId: string;
    if (existing) {
      personId = existing.id;
      await people.update(personId, fields);
      if (existing.orgUnitId !== record.orgUnitId) {
        await tx
          .getRepository(RoleAssignment)
          .delete({ personId, role: 'member', orgUnitId: existing.orgUnitId });
      }
    } else {
      const { identifiers } = await people.insert({ employeeNo: record.employeeNo, ...fields });
      personId = (identifiers[0] as { id: string }).id;
    }
    // A new person, or one whose unit the roster changes, belongs to that unit from today.
    await moveMembership(tx, personId, record.orgUnitId, localDay(this.clock.now()));
    if (record.memberType) {
      await tx
        .getRepository(RoleAssignment)
        .createQueryBuilder()
        .insert()
        .values({ personId, role: 'member', orgUnitId: record.orgUnitId })
        .orIgnore()
        .execute();
    } else {
      await tx.getRepository(RoleAssignment).delete({ personId, role: 'member' });
    }
    if (record.username) await this.setUsername(tx, personId, record.username);
    return !existing;
  }

  private async setUsername(tx: EntityManager, personId: string, username: string): Promise<void> {
    const accounts = tx.getRepository(Account);
    const account = await accounts.findOneBy({ personId });
    if (!account) await accounts.insert({ personId, username, passwordHash: null });
    else if (account.username !== username) await accounts.update(personId, { username });
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

function badRoster(errors: SheetError[]): InvalidInput {
  return new InvalidInput(
    bilingual(
      `花名册有 ${errors.length} 处错误，未导入任何数据`,
      `The roster has ${errors.length} problems; nothing was imported`,
    ),
    { type: 'urn:orglife:problem:roster', errors },
  );
}
