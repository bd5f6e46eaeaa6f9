import type { EntityManager } from 'typeorm';
import { WorkflowTaskCandidate } from './task-candidate.entity.js';
import type { WorkflowTask } from './task.entity.js';

/** How a candidate user appears in the claimable index (groups appear as `<role>@<orgUnitId>`). */
export function userGrantee(personId: string): string {
  return `user:${personId}`;
}

/** Puts an unassigned open task into the claimable index under each of its candidates. */
export async function indexCandidates(em: EntityManager, task: WorkflowTask): Promise<void> {
  const grantees = [...new Set([...task.candidateUsers.map(userGrantee), ...task.candidateGroups])];
  if (grantees.length === 0) return;
  await em.insert(
    WorkflowTaskCandidate,
    grantees.map((grantee) => ({
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

export async function unindexCandidates(em: EntityManager, taskIds: string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await em
    .createQueryBuilder()
    .delete()
    .from(WorkflowTaskCandidate)
    .where('task_id IN (:...taskIds)', { taskIds })
    .execute();
}
