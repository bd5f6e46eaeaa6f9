import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Forbidden, NotFound } from '../common/errors.js';
import type { AuthUser } from '../auth/auth-user.js';
import {
  ABOVE_BRANCH_RECORD_ROLES,
  BRANCH_LEVEL_TYPES,
  isRoleName,
  type RoleName,
} from './role-name.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How long a unit's path is trusted: a move made by another process applies within it. */
const PATH_TTL_MS = 2000;

/**
 * Role + org-subtree checks used by every service. A role held on a unit reaches that unit's
 * whole subtree. Unit paths (`/<root>/<…>/<id>/`) change only when the OD moves a unit, so
 * they are cached briefly (the same 2 s as a person's roles, src/auth/person-roles.ts).
 */
@Injectable()
export class AccessService {
  private readonly paths = new Map<string, { path: string; until: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The materialised path of a unit; 404 when it does not exist. */
  async pathOf(unitId: string): Promise<string> {
    const cached = this.paths.get(unitId);
    if (cached && cached.until > performance.now()) return cached.path;
    const rows = UUID.test(unitId)
      ? await this.db.query<{ path: string }[]>(`SELECT path FROM org_unit WHERE id = $1`, [unitId])
      : [];
    const path = rows[0]?.path;
    if (!path) throw new NotFound(`Org unit ${unitId} does not exist.`);
    this.paths.set(unitId, { path, until: performance.now() + PATH_TTL_MS });
    return path;
  }

  /** Drops the cached paths after this process moved units. */
  forgetPaths(): void {
    this.paths.clear();
  }

  /** Whether the unit is a branch or a group inside one (whose records are a branch's records). */
  async isBranchLevel(unitId: string): Promise<boolean> {
    await this.pathOf(unitId);
    const [row] = await this.db.query<{ type: string }[]>(
      `SELECT type FROM org_unit WHERE id = $1`,
      [unitId],
    );
    return (BRANCH_LEVEL_TYPES as readonly string[]).includes(row?.type ?? '');
  }

  /**
   * Those of `roles` that reach the records of a unit: on a branch (or its groups) the inspector
   * role does not. Inspectors read a branch's records only while it is under inspection, through
   * supervision (`InspectionScope`); its plans, instances, history and files stay closed to them.
   */
  async recordReadRoles(unitId: string, roles: readonly RoleName[]): Promise<RoleName[]> {
    const branchLevel = await this.isBranchLevel(unitId);
    return roles.filter((role) => !(branchLevel && ABOVE_BRANCH_RECORD_ROLES.includes(role)));
  }

  /** Whether the user holds one of `roles` on the unit or one of its ancestors. */
  async hasRole(user: AuthUser, unitId: string, roles: readonly RoleName[]): Promise<boolean> {
    const path = await this.pathOf(unitId);
    return user.roles.some((r) => roles.includes(r.role) && path.includes(`/${r.orgUnitId}/`));
  }

  /** Throws 403 unless the user holds one of `roles` reaching the unit (404 if no such unit). */
  async assertRole(user: AuthUser, unitId: string, roles: readonly RoleName[]): Promise<void> {
    if (!(await this.hasRole(user, unitId, roles))) {
      throw new Forbidden(
        `You need one of the roles ${roles.join(', ')} on this org unit. 您无权访问该组织的数据。`,
      );
    }
  }

  /** Throws 403 unless the user is an Organization Department administrator (od_admin on the root). */
  async assertOrgDepartment(user: AuthUser): Promise<void> {
    const roots = await this.db.query<{ id: string }[]>(
      `SELECT id FROM org_unit WHERE parent_id IS NULL`,
    );
    if (!user.roles.some((r) => r.role === 'od_admin' && r.orgUnitId === roots[0]?.id)) {
      throw new Forbidden(
        'Only the Organization Department may do this. 仅组织部管理员可执行此操作。',
      );
    }
  }

  async isInSubtree(unitId: string, ancestorId: string): Promise<boolean> {
    return (await this.pathOf(unitId)).includes(`/${ancestorId}/`);
  }

  /** Path prefixes of the subtrees the user reaches with `roles` (all roles if omitted); for SQL `path LIKE ANY(…)`. */
  async visiblePathPatterns(user: AuthUser, roles?: readonly RoleName[]): Promise<string[]> {
    const unitIds = this.roleUnitIds(user, roles);
    const paths = await Promise.all(unitIds.map((id) => this.pathOf(id)));
    return paths.map((p) => `${p}%`);
  }

  /** Every unit id in the subtrees the user reaches with `roles` (all roles if omitted). */
  async visibleOrgUnitIds(user: AuthUser, roles?: readonly RoleName[]): Promise<string[]> {
    const patterns = await this.visiblePathPatterns(user, roles);
    if (patterns.length === 0) return [];
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM org_unit WHERE path LIKE ANY($1::text[]) ORDER BY path`,
      [patterns],
    );
    return rows.map((r) => r.id);
  }

  /** Candidate groups `<role>@<unitId>` the user holds: every unit in each role's subtree. */
  async groupsOf(user: AuthUser): Promise<string[]> {
    const groups = new Set<string>();
    for (const { role, orgUnitId } of user.roles) {
      const rows = await this.db.query<{ id: string }[]>(
        `SELECT id FROM org_unit WHERE path LIKE $1`,
        [`${await this.pathOf(orgUnitId)}%`],
      );
      for (const row of rows) groups.add(`${role}@${row.id}`);
    }
    return [...groups];
  }

  /** Whether the user holds `<role>@<unitId>`: that role on the unit or an ancestor. */
  async userHoldsGroup(user: AuthUser, group: string): Promise<boolean> {
    const parsed = parseGroup(group);
    if (!parsed) return false;
    try {
      return await this.hasRole(user, parsed.orgUnitId, [parsed.role]);
    } catch (error) {
      if (error instanceof NotFound) return false;
      throw error;
    }
  }

  /** The people who hold `<role>@<unitId>` (the role on the unit or an ancestor). */
  async holdersOf(group: string): Promise<string[]> {
    const parsed = parseGroup(group);
    if (!parsed) return [];
    const ancestors = (await this.pathOf(parsed.orgUnitId)).split('/').filter(Boolean);
    const rows = await this.db.query<{ personId: string }[]>(
      `SELECT DISTINCT person_id AS "personId" FROM role_assignment
        WHERE role = $1 AND org_unit_id = ANY($2::uuid[]) ORDER BY 1`,
      [parsed.role, ancestors],
    );
    return rows.map((r) => r.personId);
  }

  private roleUnitIds(user: AuthUser, roles?: readonly RoleName[]): string[] {
    const ids = user.roles.filter((r) => !roles || roles.includes(r.role)).map((r) => r.orgUnitId);
    return [...new Set(ids)];
  }
}

export function parseGroup(group: string): { role: RoleName; orgUnitId: string } | null {
  const at = group.indexOf('@');
  const role = group.slice(0, at);
  const orgUnitId = group.slice(at + 1);
  if (at <= 0 || !orgUnitId || !isRoleName(role)) return null;
  return { role, orgUnitId };
}
