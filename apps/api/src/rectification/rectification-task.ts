import type { EntityManager } from 'typeorm';
import { instanceLine, requireLinked } from '../task-forms/linked-record.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { Rectification, type RectificationSource } from './rectification.entity.js';

/**
 * The rectification item a task or job of the rectification or follow-up flow is about: the
 * item linked to its instance (or the rectification flow that called the follow-up), never the
 * `rectificationId` variable.
 */
export async function rectificationIdOf(
  em: EntityManager,
  of: { instanceId: string | null },
): Promise<string> {
  const item = await requireLinked(em, Rectification, of, ['整改事项', 'a rectification item']);
  return item.id;
}

/** Where the record that raised an item of each source is linked to its flow. */
const SOURCE_INSTANCE: Record<RectificationSource, string | null> = {
  spot_check: `SELECT b.instance_id AS "instanceId" FROM spot_check_item i
                 JOIN spot_check_batch b ON b.id = i.batch_id WHERE i.id = $1`,
  inspection: `SELECT instance_id AS "instanceId" FROM annual_inspection WHERE id = $1`,
  onsite_supervision: `SELECT instance_id AS "instanceId" FROM onsite_supervision WHERE id = $1`,
  self_found: null,
};

/**
 * Whether `item` may be linked to the flow of `job`: it is linked to no other flow, and the
 * record that raised it belongs to the flow that called this one (a self-found item is linked
 * by the command that starts its flow). The id arrives as a variable only here, once.
 */
export async function mayLink(
  em: EntityManager,
  item: Rectification,
  job: Pick<WorkflowJob, 'instanceId'>,
): Promise<boolean> {
  if (item.instanceId) return item.instanceId === job.instanceId;
  const sql = SOURCE_INSTANCE[item.source];
  if (!sql || !item.sourceId) return false;
  const [source] = await em.query<{ instanceId: string | null }[]>(sql, [item.sourceId]);
  const callers = (await instanceLine(em, job.instanceId)).slice(1);
  return !!source?.instanceId && callers.includes(source.instanceId);
}
