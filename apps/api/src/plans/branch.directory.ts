import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInput } from '../common/errors.js';
import { bilingual } from '../common/locale.js';
import { fieldErrors } from '../task-forms/field-error.js';

export interface BranchContext {
  branchId: string;
  branchName: string;
  /** The approving committee; a direct branch (直属党支部) is its own committee. */
  committeeId: string;
  universityId: string;
  direct: boolean;
  /** Marked weak (组织能力较弱): its plans are reviewed one by one. */
  weak: boolean;
}

export interface BranchMember {
  id: string;
  name: string;
}

interface BranchRow {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  parentType: string | null;
  path: string;
  weak: boolean;
}

const BRANCH_ROWS = `SELECT b.id, b.name, b.type, b.parent_id AS "parentId", p.type AS "parentType", b.path,
       EXISTS (SELECT 1 FROM weak_branch w WHERE w.branch_id = b.id) AS weak
  FROM org_unit b LEFT JOIN org_unit p ON p.id = b.parent_id`;

const isBranch = (row: BranchRow | undefined): row is BranchRow & { parentId: string } =>
  row?.type === 'branch' && !!row.parentId;

function contextOf(branchId: string, row: BranchRow | undefined): BranchContext {
  if (!isBranch(row)) {
    throw new InvalidInput(`Org unit ${branchId} is not a branch (不是党支部).`, {
      errors: [{ field: 'branchId', message: '请选择党支部 (must be a branch)' }],
    });
  }
  const universityId = row.path.split('/').filter(Boolean)[0] ?? row.parentId;
  const direct = row.parentType === 'university';
  return {
    branchId: row.id,
    branchName: row.name,
    committeeId: direct ? row.id : row.parentId,
    universityId,
    direct,
    weak: row.weak,
  };
}

/** Reads the org tree the monthly cycle needs: a branch's committee and university, its members. */
@Injectable()
export class BranchDirectory {
  async context(em: EntityManager, branchId: string): Promise<BranchContext> {
    const [row] = await em.query<BranchRow[]>(`${BRANCH_ROWS} WHERE b.id = $1`, [branchId]);
    return contextOf(branchId, row);
  }

  /**
   * The contexts of `branchIds` in one read, for a job group starting many branches' plans; an
   * id that is no branch is left out (`context` names the problem).
   */
  async contexts(em: EntityManager, branchIds: string[]): Promise<Map<string, BranchContext>> {
    const rows = await em.query<BranchRow[]>(`${BRANCH_ROWS} WHERE b.id = ANY ($1::uuid[])`, [
      branchIds,
    ]);
    const contexts = new Map<string, BranchContext>();
    for (const row of rows) {
      if (isBranch(row)) contexts.set(row.id, contextOf(row.id, row));
    }
    return contexts;
  }

  /** Party members whose home unit is the branch or one of its groups, by name. */
  async members(em: EntityManager, branchId: string): Promise<BranchMember[]> {
    return em.query<BranchMember[]>(
      `SELECT p.id, p.name FROM person p JOIN org_unit u ON u.id = p.org_unit_id
        WHERE u.path LIKE (SELECT path FROM org_unit WHERE id = $1) || '%'
          AND p.member_type IS NOT NULL
        ORDER BY p.name, p.id`,
      [branchId],
    );
  }

  /** Every branch under `unitId` (itself included when it is one), by path. */
  async branchesUnder(em: EntityManager, unitId: string): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT id FROM org_unit WHERE type = 'branch'
          AND path LIKE (SELECT path FROM org_unit WHERE id = $1) || '%'
        ORDER BY path`,
      [unitId],
    );
    return rows.map((r) => r.id);
  }

  /** Whether the branch has 党小组 (without them it does the groups' work in its 党员大会). */
  async hasGroups(em: EntityManager, branchId: string): Promise<boolean> {
    const rows = await em.query<unknown[]>(
      `SELECT 1 FROM org_unit WHERE type = 'group' AND parent_id = $1 LIMIT 1`,
      [branchId],
    );
    return rows.length > 0;
  }

  /** Branches directly under the university (直属党支部, each its own committee), by path. */
  async directBranches(em: EntityManager, universityId: string): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT id FROM org_unit WHERE type = 'branch' AND parent_id = $1 ORDER BY path`,
      [universityId],
    );
    return rows.map((r) => r.id);
  }

  /** Committees under the university that have at least one branch, by path. */
  async committeesWithBranches(em: EntityManager, universityId: string): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT c.id FROM org_unit c
        WHERE c.type = 'committee' AND c.parent_id = $1
          AND EXISTS (SELECT 1 FROM org_unit b WHERE b.parent_id = c.id AND b.type = 'branch')
        ORDER BY c.path`,
      [universityId],
    );
    return rows.map((r) => r.id);
  }
}

/** 400 naming the offending field, and the person by name, when someone is not a member of the branch. */
export async function assertMembers(
  em: EntityManager,
  members: BranchMember[],
  entries: { field: string; personId: string }[],
): Promise<void> {
  const ids = new Set(members.map((m) => m.id));
  const outsiders = entries.filter((e) => !ids.has(e.personId));
  if (outsiders.length === 0) return;
  const names = new Map(
    (
      await em.query<{ id: string; name: string }[]>(
        `SELECT id, name FROM person WHERE id = ANY($1::uuid[])`,
        [[...new Set(outsiders.map((e) => e.personId))]],
      )
    ).map((p) => [p.id, p.name]),
  );
  throw fieldErrors(
    outsiders.map((e) => {
      const name = names.get(e.personId);
      return {
        field: e.field,
        message: name
          ? bilingual(`${name}不是本支部党员`, `${name} is not a member of this branch`)
          : bilingual('所选人员不存在', 'no such person'),
      };
    }),
  );
}
