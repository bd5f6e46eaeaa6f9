import type { HistoryEvent } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { holdBack } from '../../database/unit-of-work.js';

export interface AuditInput {
  actor: string;
  action: string;
  instanceId?: string | null;
  taskId?: string | null;
  detail?: Record<string, unknown>;
}

/** Column arrays, one entry per row, for `unnest`. */
interface HistoryColumns {
  instanceIds: string[];
  ats: string[];
  elementIds: string[];
  elementTypes: string[];
  elementInstanceIds: string[];
  kinds: string[];
}

interface AuditColumns {
  ats: string[];
  actors: string[];
  actions: string[];
  instanceIds: (string | null)[];
  taskIds: (string | null)[];
  details: Record<string, unknown>[];
}

// One fixed statement for any number of rows (so one prepared statement), each table's rows
// given as one array per column. The arrays are unnested in the select list, where they run in
// lockstep and rows come out (and draw their ids) in array order; in FROM, each would first be
// copied into a tuplestore whose memory the server takes from and gives back to the OS on
// every statement.
const FLUSH = `
  WITH history AS (
    INSERT INTO wf_history (instance_id, at, element_id, element_type, element_instance_id, kind)
    SELECT unnest($1::uuid[]), unnest($2::timestamptz[]), unnest($3::text[]),
           unnest($4::text[]), unnest($5::text[]), unnest($6::text[]))
  INSERT INTO wf_audit (at, actor, action, instance_id, task_id, detail)
  SELECT unnest($7::timestamptz[]), unnest($8::text[]), unnest($9::text[]),
         unnest($10::uuid[]), unnest($11::text[]), unnest($12::jsonb[])`;

/**
 * The history events and audit entries of one command (`WorkflowHistoryEvent`,
 * `WorkflowAuditEntry`), written together in one statement when its work is done: both tables
 * are append-only and nothing in a command reads them back, so they need not cost a round
 * trip each.
 */
export class Journal {
  private history = emptyHistory();
  private audit = emptyAudit();

  recordHistory(instanceId: string, events: HistoryEvent[]): void {
    const h = this.history;
    for (const e of events) {
      h.instanceIds.push(instanceId);
      h.ats.push(e.at);
      h.elementIds.push(e.elementId);
      h.elementTypes.push(e.elementType);
      h.elementInstanceIds.push(e.elementInstanceId);
      h.kinds.push(e.kind);
    }
  }

  recordAudit(at: Date, entry: AuditInput): void {
    const a = this.audit;
    a.ats.push(at.toISOString());
    a.actors.push(entry.actor);
    a.actions.push(entry.action);
    a.instanceIds.push(entry.instanceId ?? null);
    a.taskIds.push(entry.taskId ?? null);
    a.details.push(entry.detail ?? {});
  }

  /** Writes what was recorded since the last flush, with the transaction's next query or COMMIT. */
  async flush(em: EntityManager): Promise<void> {
    const h = this.history;
    const a = this.audit;
    if (h.kinds.length === 0 && a.actions.length === 0) return;
    this.history = emptyHistory();
    this.audit = emptyAudit();
    await holdBack(em, {
      sql: FLUSH,
      params: [
        h.instanceIds,
        h.ats,
        h.elementIds,
        h.elementTypes,
        h.elementInstanceIds,
        h.kinds,
        a.ats,
        a.actors,
        a.actions,
        a.instanceIds,
        a.taskIds,
        a.details,
      ],
      inserts: ['wf_history', 'wf_audit'],
      mergeable: true,
    });
  }
}

function emptyHistory(): HistoryColumns {
  return {
    instanceIds: [],
    ats: [],
    elementIds: [],
    elementTypes: [],
    elementInstanceIds: [],
    kinds: [],
  };
}

function emptyAudit(): AuditColumns {
  return { ats: [], actors: [], actions: [], instanceIds: [], taskIds: [], details: [] };
}
