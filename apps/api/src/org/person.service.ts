import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidInput, Forbidden, NotFound, Conflict } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { ORG_ADMIN_ROLES, ORG_READ_ROLES } from '../access/role-name.js';
import { Account } from '../auth/account.entity.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PasswordHasher } from '../auth/password.hasher.js';
import { assertPasswordAllowed } from '../auth/password-policy.js';
import { assertDates, notAfterToday } from '../common/date-rules.js';
import { bilingual } from '../common/locale.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { localDay } from '../common/time-zone.js';
import { fieldError } from '../task-forms/field-error.js';
import { openMembership, moveMembership } from './membership/membership.writer.js';
import { OrgUnit } from './org-unit.entity.js';
import type {
  CreatePersonDto,
  PeopleQueryDto,
  PersonDetailDto,
  PersonDto,
  PersonPageDto,
  PersonRoleDto,
  TransferPersonDto,
} from './person.dto.js';
import { Person } from './person.entity.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { Transactions } from '../database/transactions.js';

const PERSON_COLUMNS = `p.id, p.employee_no AS "employeeNo", p.name, p.gender, p.phone,
  p.org_unit_id AS "orgUnitId", u.name AS "orgUnitName", p.member_type AS "memberType",
  to_char(p.joined_party_on, 'YYYY-MM-DD') AS "joinedPartyOn", a.username,
  CASE WHEN a.person_id IS NULL THEN 'none' WHEN a.deactivated_at IS NOT NULL THEN 'deactivated'
       WHEN a.password_hash IS NULL THEN 'pending' ELSE 'active' END AS "accountStatus",
  p.sso_created_at IS NOT NULL AS "ssoCreated"`;
const PERSON_FROM = `person p JOIN org_unit u ON u.id = p.org_unit_id
  LEFT JOIN account a ON a.person_id = p.id`;

@Injectable()
export class PersonService {
  constructor(
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** People in the subtrees the user reads (org-reading roles only; a plain member is refused). */
  async list(user: AuthUser, query: PeopleQueryDto): Promise<PersonPageDto> {
    const patterns = await this.access.visiblePathPatterns(user, ORG_READ_ROLES);
    if (patterns.length === 0) {
      throw new Forbidden('Only officers can list people. 仅党组织负责人可查看人员。');
    }
    const params: unknown[] = [patterns];
    const where = ['u.path LIKE ANY($1::text[])'];
    if (query.orgUnitId) {
      await this.access.assertRole(user, query.orgUnitId, ORG_READ_ROLES);
      params.push(`${await this.access.pathOf(query.orgUnitId)}%`);
      where.push(`u.path LIKE $${params.length}`);
    }
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const n = params.length;
      where.push(`(p.name ILIKE $${n} OR p.employee_no ILIKE $${n} OR a.username ILIKE $${n})`);
    }
    const filter = where.join(' AND ');
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM ${PERSON_FROM} WHERE ${filter}`,
      params,
    )) as [{ total: number }];
    const items = await this.db.query<PersonDto[]>(
      `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE ${filter}
        ORDER BY u.path, p.employee_no LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** A person with their roles: themselves, or anyone an org-reading role reaches. */
  async get(user: AuthUser, id: string): Promise<PersonDetailDto> {
    const [person] = await this.db.query<PersonDto[]>(
      `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE p.id = $1`,
      [id],
    );
    if (!person) throw new NotFound(`Person ${id} does not exist.`);
    if (person.id !== user.personId) {
      await this.access.assertRole(user, person.orgUnitId, ORG_READ_ROLES);
    }
    const roles = await this.db.query<PersonRoleDto[]>(
      `SELECT r.id, r.role, r.org_unit_id AS "orgUnitId", u.name AS "orgUnitName"
         FROM role_assignment r JOIN org_unit u ON u.id = r.org_unit_id
        WHERE r.person_id = $1 ORDER BY u.path, r.role`,
      [id],
    );
    return { ...person, roles };
  }

  async create(user: AuthUser, dto: CreatePersonDto): Promise<PersonDetailDto> {
    await this.access.assertRole(user, dto.orgUnitId, ORG_ADMIN_ROLES);
    if (dto.password && !dto.username) {
      throw new InvalidInput('password needs a username', {
        errors: [{ field: 'username', message: 'username is required when a password is given' }],
      });
    }
    if (dto.joinedPartyOn) {
      assertDates(notAfterToday('joinedPartyOn', dto.joinedPartyOn, this.clock.now()));
    }
    if (dto.username) await this.assertUsernameFree(dto.username);
    if (dto.password) assertPasswordAllowed(dto.password, dto.username ?? '', 'password');
    const passwordHash = dto.password ? await this.hasher.hash(dto.password) : null;
    const id = await this.transactions.run(async (tx) => {
      const { identifiers } = await tx.getRepository(Person).insert({
        employeeNo: dto.employeeNo,
        name: dto.name,
        gender: dto.gender ?? null,
        phone: dto.phone ?? null,
        orgUnitId: dto.orgUnitId,
        memberType: dto.memberType ?? null,
        joinedPartyOn: dto.joinedPartyOn ?? null,
      });
      const personId = (identifiers[0] as { id: string }).id;
      await moveMembership(tx, personId, dto.orgUnitId, localDay(this.clock.now()));
      if (dto.username) {
        await tx.getRepository(Account).insert({ personId, username: dto.username, passwordHash });
      }
      if (dto.memberType) {
        await tx
          .getRepository(RoleAssignment)
          .insert({ personId, role: 'member', orgUnitId: dto.orgUnitId });
      }
      return personId;
    });
    return this.get(user, id);
  }

  /**
   * 组织关系调转: the person belongs to `orgUnitId` from `transferredOn`; their membership of the
   * old unit ends that day (the ledger counts months before for the old branch, after for the
   * new), and a party member's member role moves with them. The caller manages both units.
   */
  async transfer(user: AuthUser, id: string, dto: TransferPersonDto): Promise<PersonDetailDto> {
    const person = await this.db.getRepository(Person).findOneBy({ id });
    if (!person) throw new NotFound(`Person ${id} does not exist (人员不存在).`);
    await this.access.assertRole(user, person.orgUnitId, ORG_ADMIN_ROLES);
    await this.access.assertRole(user, dto.orgUnitId, ORG_ADMIN_ROLES);
    const target = await this.db.getRepository(OrgUnit).findOneBy({ id: dto.orgUnitId });
    if (!target || (target.type !== 'branch' && target.type !== 'group')) {
      throw fieldError(
        'orgUnitId',
        bilingual('请选择党支部或党小组', 'choose a branch or a group'),
      );
    }
    if (target.id === person.orgUnitId) {
      throw fieldError(
        'orgUnitId',
        bilingual(`${person.name}已在${target.name}`, `${person.name} already belongs there`),
      );
    }
    assertDates(notAfterToday('transferredOn', dto.transferredOn, this.clock.now()));
    await this.transactions.run(async (tx) => {
      const current = await openMembership(tx, id);
      if (current && dto.transferredOn <= current.fromOn) {
        throw fieldError(
          'transferredOn',
          bilingual(
            `调转日期须晚于${person.name}加入现组织的日期（${current.fromOn}）`,
            `must be after ${person.name} joined the current unit (${current.fromOn})`,
          ),
        );
      }
      await moveMembership(tx, id, target.id, dto.transferredOn);
      await tx.getRepository(Person).update(id, { orgUnitId: target.id });
      if (person.memberType) {
        await tx
          .getRepository(RoleAssignment)
          .delete({ personId: id, role: 'member', orgUnitId: person.orgUnitId });
        await tx
          .getRepository(RoleAssignment)
          .createQueryBuilder()
          .insert()
          .values({ personId: id, role: 'member', orgUnitId: target.id })
          .orIgnore()
          .execute();
      }
    });
    return this.get(user, id);
  }

  /** Usernames are unique whatever their case (`OD_ADMIN` clashes with `od_admin`). */
  private async assertUsernameFree(username: string): Promise<void> {
    const taken = await this.db.query<unknown[]>(
      `SELECT 1 FROM account WHERE lower(username) = lower($1)`,
      [username],
    );
    if (taken.length > 0) {
      throw new Conflict(`用户名 ${username} 已被使用（用户名不区分大小写）。`, {
        errors: [{ field: 'username', message: `用户名 ${username} 已被使用（不区分大小写）` }],
      });
    }
  }
}
