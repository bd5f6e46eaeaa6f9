import type { EntityManager } from 'typeorm';
import { holdBack } from '../../database/unit-of-work.js';
import type { WorkflowJob } from './job.entity.js';

type NewJob = Omit<WorkflowJob, 'lockOwner' | 'lockExpiresAt' | 'lastError'>;

const COLUMNS = [
  'id',
  'kind',
  'state',
  'instance_id',
  'definition_id',
  'process_id',
  'element_id',
  'job_type',
  'due_at',
  'retries',
  'attempts',
  'fire_count',
  'headers',
  'variables',
  'created_at',
] as const;

/**
 * Inserts due jobs in one statement, sent with the transaction's next query or COMMIT; a job the engine re-creates under the same id (a
 * service task retried) replaces the old row and is claimable again.
 */
export async function upsertJobs(em: EntityManager, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const params: unknown[] = [];
  const tuples = jobs.map((j) => {
    const values = [
      j.id,
      j.kind,
      j.state,
      j.instanceId,
      j.definitionId,
      j.processId,
      j.elementId,
      j.jobType,
      j.dueAt,
      j.retries,
      j.attempts,
      j.fireCount,
      JSON.stringify(j.headers),
      JSON.stringify(j.variables),
      j.createdAt,
    ];
    const start = params.length;
    params.push(...values);
    return `(${values.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  const updates = COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  await holdBack(em, {
    sql: `INSERT INTO wf_job (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
          ON CONFLICT (id) DO UPDATE SET ${updates}, lock_owner = NULL, lock_expires_at = NULL, last_error = NULL`,
    params,
    // its rows replace rows of the same id, so it merges with no other; other inserts may pass it
    inserts: ['wf_job'],
  });
}
