import type { EntityManager } from 'typeorm';
import { parseGroup } from '../access/access.service.js';
import { isUuid } from '../workflow/instances/org-unit-of.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';

/**
 * The holders of candidate groups, given as two parallel arrays (`roles`, `units`, SQL
 * expressions of text[] and uuid[]): whoever holds the role on the unit or one of its ancestors.
 * The ancestors come from the unit's path, so the role index is probed per ancestor: a province
 * holds tens of thousands of branch secretaries. Each lookup is a subquery the planner keeps
 * as it is (LIMIT, OFFSET 0), so it stays an index probe per group whatever the planner guesses
 * of the arrays' length: joined freely, a guess of hundreds made it hash whole tables.
 */
export function groupHoldersSql(roles: string, units: string): string {
  return `SELECT r.person_id
    FROM unnest(${roles}, ${units}) AS g(role, unit)
    CROSS JOIN LATERAL (SELECT path FROM org_unit WHERE id = g.unit LIMIT 1) u
    CROSS JOIN LATERAL (
      SELECT person_id FROM role_assignment
       WHERE role = g.role
         AND org_unit_id = ANY (string_to_array(trim(both '/' from u.path), '/')::uuid[])
      OFFSET 0) r`;
}

/**
 * A task's candidate groups: those naming a role on a unit as the parallel arrays above, the
 * `others` as written.
 */
export function groupsAsArrays(groups: readonly string[]): {
  roles: string[];
  units: string[];
  others: string[];
} {
  const roles: string[] = [];
  const units: string[] = [];
  const others: string[] = [];
  for (const group of groups) {
    const parsed = parseGroup(group);
    if (parsed && isUuid(parsed.orgUnitId)) {
      roles.push(parsed.role);
      units.push(parsed.orgUnitId);
    } else others.push(group);
  }
  return { roles, units, others };
}

/** Candidate users and the holders of the candidate groups (the role on the unit or an ancestor). */
export async function candidatesOf(em: EntityManager, task: WorkflowTask): Promise<string[]> {
  const people = new Set(task.candidateUsers);
  const { roles, units } = groupsAsArrays(task.candidateGroups);
  if (roles.length > 0) {
    const rows = await em.query<{ person_id: string }[]>(
      groupHoldersSql('$1::text[]', '$2::uuid[]'),
      [roles, units],
    );
    for (const row of rows) people.add(row.person_id);
  }
  return [...people];
}

/** Who hears of a task: its assignee, else its candidate users and its groups' holders. */
export function toldOf(task: WorkflowTask): { personIds: string[]; holdersOf: string[] } {
  return task.assignee
    ? { personIds: [task.assignee], holdersOf: [] }
    : { personIds: task.candidateUsers, holdersOf: task.candidateGroups };
}

/** A task's name as people read it: names are written `中文 English`, the Chinese part. */
export function taskLabel(task: Pick<WorkflowTask, 'name' | 'elementId'>): string {
  return (task.name ?? task.elementId).replace(/\s+[A-Za-z][\x20-\x7e]*$/, '');
}
