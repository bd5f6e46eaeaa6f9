import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { holdBack } from '../../database/unit-of-work.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { groupsAsArrays } from '../../notifications/task-people.js';
import { WorkflowTaskCandidate } from './task-candidate.entity.js';
import type { WorkflowTask } from './task.entity.js';

/** How a candidate user appears in the claimable index. */
export function userGrantee(personId: string): string {
  return `user:${personId}`;
}

/**
 * The keys a user's claimable tasks are filed under: themselves, and each role exactly as
 * assigned (`<role>@<orgUnitId>`). No subtree expansion at read time: the index already
 * files each task under every ancestor of its groups' units.
 */
export function granteesOf(user: Pick<AuthUser, 'personId' | 'roles'>): string[] {
  return [
    ...new Set([userGrantee(user.personId), ...user.roles.map((r) => `${r.role}@${r.orgUnitId}`)]),
  ];
}

/**
 * Files tasks under their candidates: the users as they are, each group `<role>@<unit>` under that
 * unit and each of its ancestors (from the unit's path), a group naming no known unit as written.
 * The expansion happens in the INSERT itself, so filing is a write held back with the step's
 * others and no read: on the first day of the month a province's plan tasks are created at once
 * (their rows in one JSON array, so a job group's filings merge into one statement).
 */
const FILE_UNDER_CANDIDATES = `
INSERT INTO wf_task_candidate (task_id, grantee, due_at, created_at, priority, process_id, org_unit_id)
SELECT t.task_id, x.grantee, t.due_at, t.created_at, t.priority, t.process_id, t.org_unit_id
  FROM json_to_recordset($1::json) AS t(task_id text, due_at timestamptz, created_at timestamptz,
         priority int, process_id text, org_unit_id uuid, users text[], roles text[], units uuid[])
  CROSS JOIN LATERAL (
    SELECT unnest(t.users) AS grantee
    UNION
    SELECT g.role || '@' || coalesce(a.unit, g.unit::text)
      FROM unnest(t.roles, t.units) AS g(role, unit)
      LEFT JOIN LATERAL unnest(string_to_array(trim(both '/' from
             (SELECT u.path FROM org_unit u WHERE u.id = g.unit)), '/')) AS a(unit) ON true
  ) AS x`;

/**
 * The claimable index (`wf_task_candidate`). A role held on a unit reaches its subtree, so a
 * group `<role>@<unit>` is filed under that unit and each of its ancestors: someone who is
 * committee secretary of C then finds a branch's task under the one key `committee_secretary@C`
 * instead of probing one key per branch at every inbox read (OD would probe thousands).
 */
@Injectable()
export class TaskCandidateIndex {
  /** Files an open, unassigned task under its candidates. */
  async add(em: EntityManager, task: WorkflowTask): Promise<void> {
    const { roles, units, others } = groupsAsArrays(task.candidateGroups);
    const asWritten = [...task.candidateUsers.map(userGrantee), ...others];
    if (asWritten.length === 0 && roles.length === 0) return;
    const row = {
      task_id: task.id,
      due_at: task.dueAt,
      created_at: task.createdAt,
      priority: task.priority,
      process_id: task.processId,
      org_unit_id: task.orgUnitId,
      users: asWritten,
      roles,
      units,
    };
    await holdBack(em, {
      sql: FILE_UNDER_CANDIDATES,
      params: [JSON.stringify([row])],
      inserts: ['wf_task_candidate'],
      mergeable: true,
    });
  }

  async remove(em: EntityManager, taskIds: string[]): Promise<void> {
    if (taskIds.length === 0) return;
    await em
      .createQueryBuilder()
      .delete()
      .from(WorkflowTaskCandidate)
      .where('task_id IN (:...taskIds)', { taskIds })
      .execute();
  }
}
