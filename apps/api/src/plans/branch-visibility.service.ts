import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Forbidden } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * Which branches' monthly records a user may read: every branch in the subtrees of their
 * roles, and the branch their own role sits inside (a member on a 党小组 reads its branch).
 * The inspector role is left out: inspectors read only branches under inspection, through
 * `GET /api/supervision/branches/:id/records` (supervision's InspectionScope).
 */
@Injectable()
export class BranchVisibility {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async branchIds(user: AuthUser): Promise<string[]> {
    const roles = user.roles.filter((r) => r.role !== 'inspector');
    const rolePaths = await Promise.all(roles.map((r) => this.access.pathOf(r.orgUnitId)));
    if (rolePaths.length === 0) return [];
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT b.id FROM org_unit b
        WHERE b.type = 'branch'
          AND (b.path LIKE ANY($1::text[]) OR EXISTS (SELECT 1 FROM unnest($2::text[]) AS r(path) WHERE r.path LIKE b.path || '%'))
        ORDER BY b.path`,
      [rolePaths.map((p) => `${p}%`), rolePaths],
    );
    return rows.map((r) => r.id);
  }

  async assertVisible(user: AuthUser, branchId: string): Promise<void> {
    if (!(await this.branchIds(user)).includes(branchId)) {
      throw new Forbidden(`You may not see this branch's records (您无权查看该支部的记录).`);
    }
  }
}
