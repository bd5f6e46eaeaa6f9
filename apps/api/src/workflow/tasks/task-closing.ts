import type { EntityManager } from 'typeorm';
import { holdBack } from '../../database/unit-of-work.js';

export interface TaskClosing {
  ids: string[];
  status: 'completed' | 'cancelled';
  at: Date;
  /** Who completed them; they become the assignee of a task nobody had claimed. */
  by?: string;
  /**
   * False when the tasks are known to be out of the claimable index: read under the instance
   * lock with an assignee (only an open task nobody holds is filed there). Saves a statement.
   */
  claimable?: boolean;
}

const CLOSE = `
  UPDATE wf_task
     SET status = $2, completed_at = $3, completed_by = $4, assignee = COALESCE(assignee, $4)
   WHERE id = $1 AND status = 'open'`;

const CLOSE_AND_UNFILE = `
  WITH closed AS (${CLOSE} RETURNING id)
  DELETE FROM wf_task_candidate WHERE task_id IN (SELECT id FROM closed)`;

/**
 * Marks the open tasks among `ids` completed or cancelled and takes them out of the claimable
 * index, one statement per task, sent with the transaction's next query or its COMMIT (a
 * completion is the hot path: each round trip counts). One task per statement because PostgreSQL
 * then keeps a single generic plan for the prepared statement; for `id = ANY($1)` it would plan
 * anew on every completion.
 */
export async function closeTasks(em: EntityManager, closing: TaskClosing): Promise<void> {
  const sql = closing.claimable === false ? CLOSE : CLOSE_AND_UNFILE;
  for (const id of closing.ids) {
    await holdBack(em, { sql, params: [id, closing.status, closing.at, closing.by ?? null] });
  }
}
