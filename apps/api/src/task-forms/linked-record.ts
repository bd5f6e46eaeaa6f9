import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { WorkflowInstance } from '../workflow/instances/instance.entity.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';

/** How many callers up a form looks for its record (evaluation → session → monthly plan). */
const MAX_CALL_DEPTH = 4;

/**
 * The domain record a task's form is about: the row of `entity` whose `instanceId` is the
 * task's instance, or the instance that called it (and so on up). The link is written by the
 * domain command that started the flow, never taken from a process variable a caller could set.
 */
export async function linkedRecord<T extends ObjectLiteral & { instanceId: string | null }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  task: Pick<WorkflowTask, 'instanceId'>,
): Promise<T | null> {
  let instanceId: string | null = task.instanceId;
  for (let depth = 0; instanceId && depth <= MAX_CALL_DEPTH; depth++) {
    const record = await em.findOne(entity, { where: { instanceId } as never });
    if (record) return record;
    const instance: Pick<WorkflowInstance, 'parentInstanceId'> | null = await em.findOne(
      WorkflowInstance,
      { where: { id: instanceId }, select: { id: true, parentInstanceId: true } },
    );
    instanceId = instance?.parentInstanceId ?? null;
  }
  return null;
}
