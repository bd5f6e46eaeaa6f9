import type { HistoryEvent } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { deferWrite } from '../../database/deferred-writes.js';

export interface AuditInput {
  actor: string;
  action: string;
  instanceId?: string | null;
  taskId?: string | null;
  detail?: Record<string, unknown>;
}

interface HistoryRow {
  instance_id: string;
  at: string;
  element_id: string;
  element_type: string;
  element_instance_id: string;
  kind: string;
}

interface AuditRow {
  at: string;
  actor: string;
  action: string;
  instance_id: string | null;
  task_id: string | null;
  detail: Record<string, unknown>;
}

const FLUSH = `
  WITH history AS (
    INSERT INTO wf_history (instance_id, at, element_id, element_type, element_instance_id, kind)
    SELECT instance_id, at, element_id, element_type, element_instance_id, kind
      FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (instance_id uuid, at timestamptz,
             element_id text, element_type text, element_instance_id text, kind text))
           WITH ORDINALITY AS r(instance_id, at, element_id, element_type, element_instance_id, kind, n)
     ORDER BY n)
  INSERT INTO wf_audit (at, actor, action, instance_id, task_id, detail)
  SELECT at, actor, action, instance_id, task_id, detail
    FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (at timestamptz, actor text, action text,
           instance_id uuid, task_id text, detail jsonb))
         WITH ORDINALITY AS r(at, actor, action, instance_id, task_id, detail, n)
   ORDER BY n`;

/**
 * The history events and audit entries of one command (`WorkflowHistoryEvent`,
 * `WorkflowAuditEntry`), written together in one statement when its work is done: both tables
 * are append-only and nothing in a command reads them back, so they need not cost a round
 * trip each.
 */
export class Journal {
  private history: HistoryRow[] = [];
  private audit: AuditRow[] = [];

  recordHistory(instanceId: string, events: HistoryEvent[]): void {
    for (const e of events) {
      this.history.push({
        instance_id: instanceId,
        at: e.at,
        element_id: e.elementId,
        element_type: e.elementType,
        element_instance_id: e.elementInstanceId,
        kind: e.kind,
      });
    }
  }

  recordAudit(at: Date, entry: AuditInput): void {
    this.audit.push({
      at: at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      instance_id: entry.instanceId ?? null,
      task_id: entry.taskId ?? null,
      detail: entry.detail ?? {},
    });
  }

  /** Writes what was recorded since the last flush, with the transaction's next query or COMMIT. */
  async flush(em: EntityManager): Promise<void> {
    if (this.history.length === 0 && this.audit.length === 0) return;
    const params = [JSON.stringify(this.history), JSON.stringify(this.audit)];
    this.history = [];
    this.audit = [];
    await deferWrite(em, { sql: FLUSH, params });
  }
}
