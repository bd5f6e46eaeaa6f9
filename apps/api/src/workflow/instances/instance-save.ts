import type { Statement } from '../../database/entity-rows.js';
import type { WorkflowInstance } from './instance.entity.js';

/**
 * Instances' states saved over the versions they were read at, one JSON row each: a job group
 * saves its instances together (`UnitOfWork.holdingLatest`), as one statement. An instance
 * whose version moved meanwhile fails the statement, and so the transaction.
 */
const SAVE_INSTANCES = `
  WITH r AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS r(id uuid, since int, state jsonb, version int, status text, ended_at timestamptz)),
  saved AS (
    UPDATE wf_instance i
       SET state = r.state, version = r.version, status = r.status, ended_at = r.ended_at
      FROM r WHERE i.id = r.id AND i.version = r.since
    RETURNING i.id),
  unsaved AS (SELECT min(r.id::text) AS id FROM r WHERE r.id NOT IN (SELECT id FROM saved))
  SELECT wf_expect_saved(unsaved.id IS NULL, 'Process instance ' || unsaved.id) FROM unsaved`;

/** Saves the instance's state over the version `since` (a step, or several held together). */
export function instanceSaveStatement(instance: WorkflowInstance, since: number): Statement {
  const row = {
    id: instance.id,
    since,
    state: instance.state,
    version: instance.version,
    status: instance.status,
    ended_at: instance.endedAt,
  };
  return { sql: SAVE_INSTANCES, params: [JSON.stringify([row])], mergeable: true };
}
