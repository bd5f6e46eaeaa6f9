import type { EntityManager } from 'typeorm';
import { parseGroup } from '../access/access.service.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';

/** Candidate users and the holders of the candidate groups (the role on the unit or an ancestor). */
export async function candidatesOf(em: EntityManager, task: WorkflowTask): Promise<string[]> {
  const people = new Set(task.candidateUsers);
  const groups = task.candidateGroups.flatMap((g) => parseGroup(g) ?? []);
  for (const { role, orgUnitId } of groups) {
    // The unit's ancestors from its path, so the role index is probed per ancestor: a province
    // holds tens of thousands of branch secretaries, and this runs for every task created.
    const rows = await em.query<{ personId: string }[]>(
      `SELECT DISTINCT r.person_id AS "personId"
         FROM org_unit u
         JOIN role_assignment r ON r.role = $1
          AND r.org_unit_id = ANY (string_to_array(trim(both '/' from u.path), '/')::uuid[])
        WHERE u.id = $2`,
      [role, orgUnitId],
    );
    for (const row of rows) people.add(row.personId);
  }
  return [...people];
}

/** A task's name as people read it: names are written `中文 English`, the Chinese part. */
export function taskLabel(task: Pick<WorkflowTask, 'name' | 'elementId'>): string {
  return (task.name ?? task.elementId).replace(/\s+[A-Za-z][\x20-\x7e]*$/, '');
}
