import type { Database } from './database.js';

/**
 * Every way a crash could leave the runtime broken, as rows that should not exist. Each
 * query lists offending ids; an empty result everywhere means no instance is lost, stuck or
 * duplicated.
 */
const CHECKS: Record<string, string> = {
  // An active instance waits on something durable: an open task, a job or a subscription.
  'active instance with no wait state': `
    SELECT i.id FROM wf_instance i
     WHERE i.status = 'active'
       AND NOT EXISTS (SELECT 1 FROM wf_task t WHERE t.instance_id = i.id AND t.status = 'open')
       AND NOT EXISTS (SELECT 1 FROM wf_job j WHERE j.instance_id = i.id)
       AND NOT EXISTS (SELECT 1 FROM wf_subscription s WHERE s.instance_id = i.id)`,
  // The task and job tables mirror the engine state written in the same transaction.
  'open task missing from its instance state': `
    SELECT t.id FROM wf_task t JOIN wf_instance i ON i.id = t.instance_id
     WHERE t.status = 'open' AND (i.status <> 'active' OR strpos(i.state::text, t.id) = 0)`,
  'job missing from its instance state': `
    SELECT j.id FROM wf_job j JOIN wf_instance i ON i.id = j.instance_id
     WHERE i.status <> 'active' OR strpos(i.state::text, j.id) = 0`,
  'element waiting twice (duplicate open task)': `
    SELECT instance_id || ':' || element_id FROM wf_task WHERE status = 'open'
     GROUP BY instance_id, element_id HAVING count(*) > 1`,
  'timer fired twice': `
    SELECT element_instance_id FROM wf_history
     WHERE kind = 'completed' AND element_id = 'Wait'
     GROUP BY instance_id, element_instance_id HAVING count(*) > 1`,
};

export async function invariantViolations(db: Database): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const [name, sql] of Object.entries(CHECKS)) {
    const rows = await db.query<Record<string, string>>(sql);
    if (rows.length > 0) found[name] = rows.map((r) => Object.values(r)[0] ?? '?').slice(0, 5);
  }
  return found;
}

/** Jobs still held by an executor whose lock has run out (a dead owner nobody took over). */
export async function expiredLocks(db: Database, now: Date): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM wf_job WHERE state = 'locked' AND lock_expires_at < $1`,
    [now],
  );
  return Number(row?.n ?? 0);
}

export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
