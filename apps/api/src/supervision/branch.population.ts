import type { EntityManager } from 'typeorm';

export interface BranchOfUniversity {
  branchId: string;
  name: string;
  /** The approving committee; a direct branch (直属党支部) is its own committee. */
  committeeId: string;
  /**
   * The sampling group: the committee, or the university for direct branches, so "at least
   * one per committee" does not draw every direct branch every month.
   */
  groupId: string;
}

/** The university: the first root org unit. */
export async function universityIdOf(em: EntityManager): Promise<string> {
  const [root] = await em.query<{ id: string }[]>(
    `SELECT id FROM org_unit WHERE type = 'university' AND parent_id IS NULL ORDER BY created_at, id LIMIT 1`,
  );
  if (!root) throw new Error('No university org unit exists: seed or create the org tree first');
  return root.id;
}

/** Every branch of the university, in path order, and the university's id. */
export async function branchesOfUniversity(
  em: EntityManager,
): Promise<{ universityId: string; branches: BranchOfUniversity[] }> {
  const root = { id: await universityIdOf(em) };
  const branches = await em.query<BranchOfUniversity[]>(
    `SELECT b.id AS "branchId", b.name,
            CASE WHEN p.type = 'committee' THEN p.id ELSE b.id END AS "committeeId",
            CASE WHEN p.type = 'committee' THEN p.id ELSE $1::uuid END AS "groupId"
       FROM org_unit b JOIN org_unit p ON p.id = b.parent_id
      WHERE b.type = 'branch' AND b.path LIKE '/' || $1 || '/%'
      ORDER BY b.path`,
    [root.id],
  );
  return { universityId: root.id, branches };
}

/** The month before the one `day` (`YYYY-MM-DD`) falls in, as `YYYY-MM`. */
export function previousMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
