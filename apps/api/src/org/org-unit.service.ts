import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { InvalidInput, NotFound, Conflict } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { ORG_ADMIN_ROLES } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import type {
  CreateOrgUnitDto,
  OrgUnitDto,
  OrgUnitNodeDto,
  UpdateOrgUnitDto,
} from './org-unit.dto.js';
import { ALLOWED_PARENT_TYPES, ORG_UNIT_TYPE_LABELS } from './org-unit-type.js';
import { OrgUnit } from './org-unit.entity.js';
import { newRowId } from '../database/row-id.js';
import { Transactions } from '../database/transactions.js';
import { writeOrgTree } from './org-tree.writer.js';

const PG_FOREIGN_KEY_VIOLATION = '23503';

export function toOrgUnitDto(unit: OrgUnit): OrgUnitDto {
  const { id, code, name, type, direct, parentId, depth, ssoCampusUnitCode } = unit;
  return { id, code, name, type, direct, parentId, depth, ssoCampusUnitCode };
}

@Injectable()
export class OrgUnitService {
  constructor(
    private readonly access: AccessService,
    @InjectRepository(OrgUnit) private readonly units: Repository<OrgUnit>,
    private readonly transactions: Transactions,
  ) {}

  /** The forest of units the user reaches with any role, each subtree under its topmost unit. */
  async tree(user: AuthUser): Promise<OrgUnitNodeDto[]> {
    const patterns = await this.access.visiblePathPatterns(user);
    if (patterns.length === 0) return [];
    const rows = await this.units
      .createQueryBuilder('u')
      .where('u.path LIKE ANY(:patterns)', { patterns })
      .orderBy('u.depth')
      .addOrderBy('u.sort_order')
      .addOrderBy('u.code')
      .getMany();
    const nodes = new Map(
      rows.map((u) => [u.id, { ...toOrgUnitDto(u), children: [] as OrgUnitNodeDto[] }]),
    );
    const roots: OrgUnitNodeDto[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  async get(user: AuthUser, id: string): Promise<OrgUnitDto> {
    await this.assertVisible(user, id);
    return toOrgUnitDto(await this.units.findOneByOrFail({ id }));
  }

  async create(user: AuthUser, dto: CreateOrgUnitDto): Promise<OrgUnitDto> {
    await this.access.assertRole(user, dto.parentId, ORG_ADMIN_ROLES);
    const parent = await this.units.findOneBy({ id: dto.parentId });
    if (!parent) throw new NotFound(`Org unit ${dto.parentId} does not exist.`);
    if (!ALLOWED_PARENT_TYPES[dto.type].includes(parent.type)) {
      throw new InvalidInput(`A ${dto.type} cannot be placed under a ${parent.type}.`, {
        errors: [
          { field: 'parentId', message: `a ${dto.type} cannot be placed under a ${parent.type}` },
        ],
      });
    }
    const id = newRowId();
    const path = `${parent.path}${id}/`;
    const siblings = await this.units.countBy({ parentId: parent.id });
    const unit = this.units.create({
      id,
      code: dto.code,
      name: dto.name,
      type: dto.type,
      direct: dto.type === 'branch' && parent.type === 'university',
      parentId: parent.id,
      path,
      depth: parent.depth + 1,
      sortOrder: siblings,
    });
    await this.units.insert(unit);
    return toOrgUnitDto(await this.units.findOneByOrFail({ id }));
  }

  /** Renames, recodes, moves (with its subtree) or re-sorts a unit: Organization Department only. */
  async update(user: AuthUser, id: string, dto: UpdateOrgUnitDto): Promise<OrgUnitDto> {
    await this.access.assertOrgDepartment(user);
    await this.transactions.run(async (tx) => {
      const all = await tx
        .getRepository(OrgUnit)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .getMany();
      const unit = all.find((u) => u.id === id);
      if (!unit) throw new NotFound(`Org unit ${id} does not exist. 组织不存在。`);
      if (dto.code !== undefined && all.some((u) => u.code === dto.code && u.id !== id)) {
        throw unitError('code', `组织编码 ${dto.code} 已被使用 (code already in use)`);
      }
      if (dto.parentId !== undefined && dto.parentId !== unit.parentId) {
        const parent = all.find((u) => u.id === dto.parentId);
        if (!parent) throw unitError('parentId', '上级组织不存在 (no such parent unit)');
        if (parent.path.includes(`/${id}/`)) {
          throw unitError(
            'parentId',
            '不能移到本组织或其下级之下 (not under itself or its subtree)',
          );
        }
        if (!ALLOWED_PARENT_TYPES[unit.type].includes(parent.type)) {
          throw unitError(
            'parentId',
            `${ORG_UNIT_TYPE_LABELS[unit.type]}不能设在${ORG_UNIT_TYPE_LABELS[parent.type]}之下 (a ${unit.type} cannot sit under a ${parent.type})`,
          );
        }
      }
      await writeOrgTree(tx, all, [
        {
          id,
          code: dto.code ?? unit.code,
          name: dto.name ?? unit.name,
          type: unit.type,
          parentId: dto.parentId ?? unit.parentId,
          sortOrder: dto.sortOrder ?? unit.sortOrder,
        },
      ]);
    });
    this.access.forgetPaths();
    return toOrgUnitDto(await this.units.findOneByOrFail({ id }));
  }

  /** Deletes a unit nothing belongs to (no sub-units, people, roles or records): Organization Department only. */
  async delete(user: AuthUser, id: string): Promise<void> {
    await this.access.assertOrgDepartment(user);
    await this.transactions.run(async (tx) => {
      const unit = await tx.getRepository(OrgUnit).findOneBy({ id });
      if (!unit) throw new NotFound(`Org unit ${id} does not exist. 组织不存在。`);
      if (!unit.parentId) throw new Conflict('学校党委不能删除 (the university cannot be deleted)');
      const [uses] = await tx.query<[{ children: number; people: number; roles: number }]>(
        `SELECT (SELECT count(*)::int FROM org_unit WHERE parent_id = $1) AS children,
                (SELECT count(*)::int FROM person WHERE org_unit_id = $1) AS people,
                (SELECT count(*)::int FROM role_assignment WHERE org_unit_id = $1) AS roles`,
        [id],
      );
      if (uses.children || uses.people || uses.roles) {
        throw new Conflict(
          `该组织还有 ${uses.children} 个下级组织、${uses.people} 名人员、${uses.roles} 项角色，不能删除 (move or remove them first)`,
        );
      }
      try {
        await tx.getRepository(OrgUnit).delete(id);
      } catch (error) {
        const code =
          error instanceof QueryFailedError && (error.driverError as { code?: string }).code;
        if (code !== PG_FOREIGN_KEY_VIOLATION) throw error;
        throw new Conflict(
          '该组织已有组织生活等记录，不能删除 (the unit has records such as meetings or plans)',
        );
      }
    });
    this.access.forgetPaths();
  }

  /** 403 unless one of the user's roles (any kind) reaches the unit. */
  private async assertVisible(user: AuthUser, id: string): Promise<void> {
    const roles = [...new Set(user.roles.map((r) => r.role))];
    await this.access.assertRole(user, id, roles);
  }
}

function unitError(field: string, message: string): InvalidInput {
  return new InvalidInput(`${field}: ${message}`, { errors: [{ field, message }] });
}
