import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { holdBackInsert } from '../../database/unit-of-work.js';
import { parseGroup } from '../../access/access.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { isUuid } from '../instances/org-unit-of.js';
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
 * The claimable index (`wf_task_candidate`). A role held on a unit reaches its subtree, so a
 * group `<role>@<unit>` is filed under that unit and each of its ancestors: someone who is
 * committee secretary of C then finds a branch's task under the one key `committee_secretary@C`
 * instead of probing one key per branch at every inbox read (OD would probe thousands).
 */
@Injectable()
export class TaskCandidateIndex {
  /** Unit paths by id; a unit's path never changes once created. */
  private readonly paths = new Map<string, string | null>();

  /** Files an open, unassigned task under its candidates. */
  async add(em: EntityManager, task: WorkflowTask): Promise<void> {
    const grantees = new Set(task.candidateUsers.map(userGrantee));
    for (const group of task.candidateGroups) {
      for (const grantee of await this.reachOf(em, group)) grantees.add(grantee);
    }
    if (grantees.size === 0) return;
    await holdBackInsert(
      em,
      WorkflowTaskCandidate,
      [...grantees].map((grantee) => ({
        taskId: task.id,
        grantee,
        dueAt: task.dueAt,
        createdAt: task.createdAt,
        priority: task.priority,
        processId: task.processId,
        orgUnitId: task.orgUnitId,
      })),
    );
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

  /** `<role>@<unit>` and the same role on every ancestor unit; a group naming no known unit stays as written. */
  private async reachOf(em: EntityManager, group: string): Promise<string[]> {
    const parsed = parseGroup(group);
    const path =
      parsed && isUuid(parsed.orgUnitId) ? await this.pathOf(em, parsed.orgUnitId) : null;
    if (!parsed || !path) return [group];
    return path
      .split('/')
      .filter(Boolean)
      .map((unit) => `${parsed.role}@${unit}`);
  }

  /**
   * Read through the command's own transaction: asking the pool for a second connection
   * while holding one could exhaust it under load.
   */
  private async pathOf(em: EntityManager, unitId: string): Promise<string | null> {
    const known = this.paths.get(unitId);
    if (known !== undefined) return known;
    const rows = await em.query<{ path: string }[]>(`SELECT path FROM org_unit WHERE id = $1`, [
      unitId,
    ]);
    const path = rows[0]?.path ?? null;
    if (path) this.paths.set(unitId, path);
    return path;
  }
}
