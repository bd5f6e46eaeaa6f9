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

const UPSERT = `
  INSERT INTO wf_job (${COLUMNS.join(', ')})
  SELECT DISTINCT ON (j.id) ${COLUMNS.map((c) => `j.${c}`).join(', ')}
    FROM json_populate_recordset(NULL::wf_job, $1::json) WITH ORDINALITY AS j
   ORDER BY j.id, j.ordinality DESC
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}, lock_owner = NULL, lock_expires_at = NULL, last_error = NULL`;

/**
 * Inserts due jobs, sent with the transaction's next query or COMMIT; a job the engine re-creates
 * under the same id (a service task retried) replaces the old row and is claimable again. The
 * rows go as one JSON array, so a job group's upserts merge into one statement (`mergeInserts`),
 * where the last row given for an id is the one written, as if each had gone on its own.
 */
export async function upsertJobs(em: EntityManager, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const rows = jobs.map((j) => ({
    id: j.id,
    kind: j.kind,
    state: j.state,
    instance_id: j.instanceId,
    definition_id: j.definitionId,
    process_id: j.processId,
    element_id: j.elementId,
    job_type: j.jobType,
    due_at: j.dueAt,
    retries: j.retries,
    attempts: j.attempts,
    fire_count: j.fireCount,
    headers: j.headers,
    variables: j.variables,
    created_at: j.createdAt,
  }));
  await holdBack(em, {
    sql: UPSERT,
    params: [JSON.stringify(rows)],
    inserts: ['wf_job'],
    mergeable: true,
  });
}
