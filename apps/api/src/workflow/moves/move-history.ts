import type { EngineState } from '@orglife/engine';
import type { EntityManager } from 'typeorm';

/** What happened in an instance since a task was completed: the ground a 撤回 stands on. */
export interface WithdrawWindow {
  /** The instance's version right after the completion; null when it was not recorded. */
  completedVersion: number | null;
  /** Someone acted on the instance since (claimed, delegated, commented, …). */
  actedSince: boolean;
  /** Element instances the completion started, in order. */
  created: string[];
  /** The completion touched a token older than itself (a join it completed, a scope it ended). */
  touchedOlder: boolean;
}

export async function withdrawWindow(
  em: EntityManager,
  instanceId: string,
  taskId: string,
  passiveActions: string[],
): Promise<WithdrawWindow> {
  const [done] = await em.query<{ id: string; version: number | null }[]>(
    `SELECT id, (detail->>'version')::int AS version FROM wf_audit
      WHERE instance_id = $1 AND task_id = $2 AND action = 'task.completed'
      ORDER BY id DESC LIMIT 1`,
    [instanceId, taskId],
  );
  if (!done) return { completedVersion: null, actedSince: false, created: [], touchedOlder: false };
  const [acted] = await em.query<unknown[]>(
    `SELECT 1 FROM wf_audit WHERE instance_id = $1 AND id > $2 AND NOT (action = ANY($3)) LIMIT 1`,
    [instanceId, done.id, passiveActions],
  );
  const events = await em.query<{ id: string; kind: string }[]>(
    `SELECT element_instance_id AS id, kind FROM wf_history
      WHERE instance_id = $1 AND id > (
        SELECT max(id) FROM wf_history
         WHERE instance_id = $1 AND element_instance_id = $2 AND kind = 'completed')
      ORDER BY id`,
    [instanceId, taskId],
  );
  const created: string[] = [];
  let touchedOlder = false;
  for (const event of events) {
    if (event.kind === 'activated') created.push(event.id);
    else if (!created.includes(event.id)) touchedOlder = true;
  }
  return { completedVersion: done.version, actedSince: acted !== undefined, created, touchedOlder };
}

/** A completed user task of an instance. */
export interface DoneTask {
  id: string;
  elementId: string;
  name: string | null;
  completedBy: string;
  completedAt: Date;
}

/** The instance's completed user tasks (of one element, if given), most recent first. */
export async function latestDone(
  em: EntityManager,
  instanceId: string,
  elementId?: string,
): Promise<DoneTask[]> {
  const rows = await em.query<
    {
      id: string;
      element_id: string;
      name: string | null;
      completed_by: string;
      completed_at: Date;
    }[]
  >(
    `SELECT id, element_id, name, completed_by, completed_at FROM wf_task
      WHERE instance_id = $1 AND status = 'completed' AND completed_by IS NOT NULL
        AND ($2::text IS NULL OR element_id = $2)
      ORDER BY completed_at DESC, id DESC`,
    [instanceId, elementId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    elementId: r.element_id,
    name: r.name,
    completedBy: r.completed_by,
    completedAt: new Date(r.completed_at),
  }));
}

/** When scope instance `scopeId` started (null for the process: every task counts). */
export async function scopeStart(
  em: EntityManager,
  instanceId: string,
  scopeId: string | null,
): Promise<Date | null> {
  if (scopeId === null) return null;
  const [row] = await em.query<{ at: Date | null }[]>(
    `SELECT min(at) AS at FROM wf_history
      WHERE instance_id = $1 AND element_instance_id = $2 AND kind = 'activated'`,
    [instanceId, scopeId],
  );
  return row?.at ? new Date(row.at) : new Date(0);
}

/** The element instances `ids` and everything inside them. */
export function withDescendants(state: EngineState, ids: string[]): string[] {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const el of Object.values(state.elements)) {
      if (el.parentId && out.has(el.parentId) && !out.has(el.id)) {
        out.add(el.id);
        grew = true;
      }
    }
  }
  return [...out];
}
