import { type EntityManager, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import { Conflict } from '../common/errors.js';
import { bilingual } from '../common/locale.js';
import { WorkflowInstance } from '../workflow/instances/instance.entity.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';

/** How many callers up a form looks for its record (evaluation → session → monthly plan). */
const MAX_CALL_DEPTH = 4;

type Linked = ObjectLiteral & { instanceId: string | null };
/** A task or a job: both belong to one instance. */
type OfInstance = { instanceId: string | null };

/** The instance and those that called it, nearest first. */
export async function instanceLine(
  em: EntityManager,
  instanceId: string | null,
): Promise<string[]> {
  const line: string[] = [];
  let next: string | null = instanceId;
  for (let depth = 0; next && depth <= MAX_CALL_DEPTH; depth++) {
    line.push(next);
    const instance: Pick<WorkflowInstance, 'parentInstanceId'> | null = await em.findOne(
      WorkflowInstance,
      { where: { id: next }, select: { id: true, parentInstanceId: true } },
    );
    next = instance?.parentInstanceId ?? null;
  }
  return line;
}

/**
 * The domain record a task's form (or a job) is about: the row of `entity` whose `instanceId` is
 * the task's instance, or the instance that called it (and so on up). The link is written by the
 * domain command that started the flow, never taken from a process variable a caller could set.
 */
export async function linkedRecord<T extends Linked>(
  em: EntityManager,
  entity: EntityTarget<T>,
  task: OfInstance,
): Promise<T | null> {
  for (const instanceId of await instanceLine(em, task.instanceId)) {
    const record = await em.findOne(entity, { where: { instanceId } as never });
    if (record) return record;
  }
  return null;
}

/** `linkedRecord`, or 409 naming what the task lacks (`what`: `[中文, English]`). */
export async function requireLinked<T extends Linked>(
  em: EntityManager,
  entity: EntityTarget<T>,
  task: OfInstance,
  what: readonly [zh: string, en: string],
): Promise<T> {
  const record = await linkedRecord(em, entity, task);
  if (!record) throw notLinked(what);
  return record;
}

/**
 * One of the several records a flow is linked to (e.g. one inspection per committee, walked by
 * a multi-instance task whose item variable names it): the row `id` only if its `instanceId` is
 * the task's instance or a caller's; 409 otherwise, so a forged item variable reaches nothing.
 */
export async function linkedRecordById<T extends Linked>(
  em: EntityManager,
  entity: EntityTarget<T>,
  task: OfInstance,
  id: string,
  what: readonly [zh: string, en: string],
  lock = false,
): Promise<T> {
  const record = await em.findOne(entity, {
    where: { id, instanceId: In(await instanceLine(em, task.instanceId)) } as never,
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!record) throw notLinked(what);
  return record;
}

/**
 * 409 unless the unit a multi-instance task's item names (a committee, a branch) is the one the
 * task was made for: its candidate groups (`role@unitId`), fixed when the task was created.
 */
export function assertTaskFor(task: Pick<WorkflowTask, 'candidateGroups'>, unitId: string): void {
  if (!task.candidateGroups.some((group) => group.endsWith(`@${unitId}`))) {
    throw new Conflict(
      bilingual('该待办不是为此组织创建的', `this task was not made for org unit ${unitId}`),
    );
  }
}

function notLinked([zh, en]: readonly [string, string]): Conflict {
  return new Conflict(bilingual(`该待办未关联${zh}`, `the task is not linked to ${en}`));
}
