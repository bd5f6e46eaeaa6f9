import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidInput, Forbidden, NotFound, Conflict } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { ORG_READ_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { OrgUnit } from './org-unit.entity.js';
import { Person } from './person.entity.js';
import type {
  CreateRoleAssignmentDto,
  RoleAssignmentDto,
  RoleAssignmentQueryDto,
} from './role-assignment.dto.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { GRANTERS, roleFitsUnit } from './role-grant.policy.js';
import { PersonRoles } from '../auth/person-roles.js';
import { SecurityEvents } from '../security-events/security-events.service.js';

const COLUMNS = `r.id, r.person_id AS "personId", p.name AS "personName", r.role,
  r.org_unit_id AS "orgUnitId", u.name AS "orgUnitName"`;
const FROM = `role_assignment r JOIN person p ON p.id = r.person_id
  JOIN org_unit u ON u.id = r.org_unit_id`;

@Injectable()
export class RoleAssignmentService {
  constructor(
    private readonly access: AccessService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly personRoles: PersonRoles,
    private readonly events: SecurityEvents,
  ) {}

  async list(user: AuthUser, query: RoleAssignmentQueryDto): Promise<RoleAssignmentDto[]> {
    const patterns = await this.access.visiblePathPatterns(user, ORG_READ_ROLES);
    if (patterns.length === 0) {
      throw new Forbidden('Only officers can list role assignments.');
    }
    const params: unknown[] = [patterns];
    const where = ['u.path LIKE ANY($1::text[])'];
    if (query.orgUnitId) {
      await this.access.assertRole(user, query.orgUnitId, ORG_READ_ROLES);
      params.push(`${await this.access.pathOf(query.orgUnitId)}%`);
      where.push(`u.path LIKE $${params.length}`);
    }
    if (query.personId) {
      params.push(query.personId);
      where.push(`r.person_id = $${params.length}`);
    }
    return this.db.query<RoleAssignmentDto[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY u.path, r.role, p.name`,
      params,
    );
  }

  async create(user: AuthUser, dto: CreateRoleAssignmentDto): Promise<RoleAssignmentDto> {
    await this.assertMayGrant(user, dto.role, dto.orgUnitId);
    const unit = await this.db.getRepository(OrgUnit).findOneByOrFail({ id: dto.orgUnitId });
    if (!roleFitsUnit(dto.role, unit)) {
      throw new InvalidInput(`The role ${dto.role} cannot be held on a ${unit.type}.`, {
        errors: [{ field: 'role', message: `${dto.role} cannot be held on a ${unit.type}` }],
      });
    }
    if (!(await this.db.getRepository(Person).existsBy({ id: dto.personId }))) {
      throw new NotFound(`Person ${dto.personId} does not exist.`);
    }
    const { identifiers } = await this.db.getRepository(RoleAssignment).insert(dto);
    this.personRoles.forget(dto.personId);
    const granted = await this.get((identifiers[0] as { id: string }).id);
    await this.events.record({
      kind: 'role_granted',
      actor: user,
      subject: { personId: dto.personId },
      detail: `${granted.role} @ ${granted.orgUnitName} (${granted.personName})`,
    });
    return granted;
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const assignment = await this.db.getRepository(RoleAssignment).findOneBy({ id });
    if (!assignment) throw new NotFound(`Role assignment ${id} does not exist.`);
    await this.assertMayGrant(user, assignment.role, assignment.orgUnitId);
    if (assignment.role === 'od_admin' && (await this.countOf('od_admin')) <= 1) {
      throw new Conflict('The last 组织部管理员 (od_admin) cannot be removed.');
    }
    const revoked = await this.get(id);
    await this.db.getRepository(RoleAssignment).delete(id);
    this.personRoles.forget(assignment.personId);
    await this.events.record({
      kind: 'role_revoked',
      actor: user,
      subject: { personId: assignment.personId },
      detail: `${revoked.role} @ ${revoked.orgUnitName} (${revoked.personName})`,
    });
  }

  private countOf(role: RoleName): Promise<number> {
    return this.db.getRepository(RoleAssignment).countBy({ role });
  }

  private async assertMayGrant(user: AuthUser, role: RoleName, orgUnitId: string): Promise<void> {
    await this.access.assertRole(user, orgUnitId, GRANTERS[role]);
  }

  private async get(id: string): Promise<RoleAssignmentDto> {
    const [row] = await this.db.query<RoleAssignmentDto[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1`,
      [id],
    );
    if (!row) throw new NotFound(`Role assignment ${id} does not exist.`);
    return row;
  }
}
