import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface AuditInput {
  actor: string;
  action: string;
  instanceId?: string | null;
  taskId?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the workflow audit log (`WorkflowAuditEntry`) inside the caller's transaction. */
@Injectable()
export class AuditWriter {
  async write(em: EntityManager, at: Date, entry: AuditInput): Promise<void> {
    await em.query(
      `INSERT INTO wf_audit (at, actor, action, instance_id, task_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        at,
        entry.actor,
        entry.action,
        entry.instanceId ?? null,
        entry.taskId ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }
}
