import { Injectable } from '@nestjs/common';
import { Forbidden } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import {
  ABOVE_BRANCH_RECORD_ROLES,
  BRANCH_LEVEL_TYPES,
  ORG_READ_ROLES,
  type RoleName,
} from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { isOdAdmin } from '../access/od-admin.js';

/** Role + org-subtree rules shared by the workflow's instance, incident and definition routes. */
@Injectable()
export class WorkflowAccess {
  constructor(private readonly access: AccessService) {}

  /** OD (组织部) sees and acts on every flow, including those bound to no org unit. */
  isOd(user: AuthUser): boolean {
    return isOdAdmin(user);
  }

  assertOd(user: AuthUser): void {
    if (!this.isOd(user)) {
      throw new Forbidden('Only the Organization Department may do this (仅组织部可操作).');
    }
  }

  /** 403 unless the user holds one of `roles` reaching `orgUnitId` (OD always may). */
  async assertOnUnit(
    user: AuthUser,
    orgUnitId: string | null,
    roles: readonly RoleName[],
  ): Promise<void> {
    if (this.isOd(user)) return;
    if (!orgUnitId) this.assertOd(user);
    else await this.access.assertRole(user, orgUnitId, roles);
  }

  /**
   * 403 unless the user may read the records of `orgUnitId` (an instance, its variables and
   * history): the org read roles, without the inspector's on a branch (AccessService).
   */
  async assertRecordReadable(user: AuthUser, orgUnitId: string | null): Promise<void> {
    const roles = orgUnitId
      ? await this.access.recordReadRoles(orgUnitId, ORG_READ_ROLES)
      : ORG_READ_ROLES;
    await this.assertOnUnit(user, orgUnitId, roles);
  }

  /**
   * SQL condition limiting `alias.org_unit_id` to the units whose records the user may read: the
   * rule of `assertRecordReadable`, for lists (so a list never shows what its item refuses).
   * Null when the user sees everything. Appends its parameters to `params`.
   */
  async recordScope(user: AuthUser, alias: string, params: unknown[]): Promise<string | null> {
    if (this.isOd(user)) return null;
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const anywhere = await this.access.visiblePathPatterns(
      user,
      ORG_READ_ROLES.filter((r) => !ABOVE_BRANCH_RECORD_ROLES.includes(r)),
    );
    const aboveBranches = await this.access.visiblePathPatterns(
      user,
      ORG_READ_ROLES.filter((r) => ABOVE_BRANCH_RECORD_ROLES.includes(r)),
    );
    const reach: string[] = [];
    if (anywhere.length) reach.push(`path LIKE ANY(${bind(anywhere)}::text[])`);
    if (aboveBranches.length) {
      reach.push(
        `(path LIKE ANY(${bind(aboveBranches)}::text[]) AND type <> ALL(${bind(BRANCH_LEVEL_TYPES)}::text[]))`,
      );
    }
    if (reach.length === 0) return 'false';
    return `${alias}.org_unit_id IN (SELECT id FROM org_unit WHERE ${reach.join(' OR ')})`;
  }

  /**
   * SQL condition limiting `alias.org_unit_id` to the subtrees the user reaches with `roles`;
   * null when the user sees everything. Appends its parameter to `params`.
   */
  async scope(
    user: AuthUser,
    alias: string,
    roles: readonly RoleName[],
    params: unknown[],
  ): Promise<string | null> {
    if (this.isOd(user)) return null;
    const patterns = await this.access.visiblePathPatterns(user, roles);
    if (patterns.length === 0) return 'false';
    params.push(patterns);
    return `${alias}.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE ANY($${params.length}::text[]))`;
  }
}
