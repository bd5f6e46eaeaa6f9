import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { ORG_ADMIN_ROLES } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ProblemException } from '../common/problem.js';
import type { CreateOrgUnitDto, OrgUnitDto, OrgUnitNodeDto } from './org-unit.dto.js';
import { ALLOWED_PARENT_TYPES } from './org-unit-type.js';
import { OrgUnit } from './org-unit.entity.js';
import { newRowId } from '../database/row-id.js';

export function toOrgUnitDto(unit: OrgUnit): OrgUnitDto {
  const { id, code, name, type, direct, parentId, depth } = unit;
  return { id, code, name, type, direct, parentId, depth };
}

@Injectable()
export class OrgUnitService {
  constructor(
    private readonly access: AccessService,
    @InjectRepository(OrgUnit) private readonly units: Repository<OrgUnit>,
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
    if (!parent) throw new NotFoundException(`Org unit ${dto.parentId} does not exist.`);
    if (!ALLOWED_PARENT_TYPES[dto.type].includes(parent.type)) {
      throw new ProblemException(400, `A ${dto.type} cannot be placed under a ${parent.type}.`, {
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

  /** 403 unless one of the user's roles (any kind) reaches the unit. */
  private async assertVisible(user: AuthUser, id: string): Promise<void> {
    const roles = [...new Set(user.roles.map((r) => r.role))];
    await this.access.assertRole(user, id, roles);
  }
}
