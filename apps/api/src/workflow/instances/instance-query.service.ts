import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { NotFound } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { WorkflowHistoryEvent } from '../history/history.entity.js';
import { WorkflowAccess } from '../workflow-access.js';
import { ReadReplica } from '../../database/read-replica.js';
import { Transactions } from '../../database/transactions.js';
import { WorkflowInstance } from './instance.entity.js';
import { isUuid } from './org-unit-of.js';

export interface HistoryWithActors {
  events: WorkflowHistoryEvent[];
  /** Element instance id of a completed user task → the name of the person who completed it. */
  actors: Map<string, string>;
}

export interface InstanceMigration {
  at: string;
  fromVersion: number;
  toVersion: number;
  actorName: string | null;
}

export interface InstanceFilter {
  processId?: string;
  status?: WorkflowInstance['status'];
  orgUnitId?: string;
  businessKey?: string;
  page: number;
  pageSize: number;
}

/** Reads instances within the user's reach: OD all, a committee its branches, a branch its own. */
@Injectable()
export class InstanceQueryService {
  constructor(
    private readonly tx: Transactions,
    private readonly access: WorkflowAccess,
    private readonly org: AccessService,
    private readonly replica: ReadReplica,
  ) {}

  async list(
    user: AuthUser,
    filter: InstanceFilter,
  ): Promise<{ items: WorkflowInstance[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const scope = await this.access.recordScope(user, 'i', params);
    if (scope) where.push(scope);
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.processId) where.push(`i.process_id = ${bind(filter.processId)}`);
    if (filter.status) where.push(`i.status = ${bind(filter.status)}`);
    if (filter.businessKey) where.push(`i.business_key = ${bind(filter.businessKey)}`);
    if (filter.orgUnitId) {
      const path = await this.org.pathOf(filter.orgUnitId);
      where.push(`i.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE ${bind(`${path}%`)})`);
    }
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = (filter.page - 1) * filter.pageSize;
    const db = await this.replica.reader();
    const [ids, counted] = await Promise.all([
      db.query<{ id: string }[]>(
        `SELECT i.id FROM wf_instance i ${sql} ORDER BY i.started_at DESC, i.id LIMIT ${filter.pageSize} OFFSET ${offset}`,
        params,
      ),
      db.query<{ n: string }[]>(`SELECT count(*) AS n FROM wf_instance i ${sql}`, params),
    ]);
    const rows = ids.length
      ? await db.findBy(WorkflowInstance, { id: In(ids.map((r) => r.id)) })
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { items: ids.flatMap((r) => byId.get(r.id) ?? []), total: Number(counted[0]?.n ?? 0) };
  }

  /** 404 when it does not exist, 403 when it lies outside the user's reach. */
  async get(user: AuthUser, id: string): Promise<WorkflowInstance> {
    const instance = isUuid(id) ? await this.tx.reader().findOneBy(WorkflowInstance, { id }) : null;
    if (!instance) throw new NotFound(`Process instance ${id} does not exist.`);
    await this.access.assertRecordReadable(user, instance.orgUnitId);
    return instance;
  }

  /** The instance's moves to other versions, oldest first (the caller has checked reach). */
  async migrations(instanceId: string): Promise<InstanceMigration[]> {
    const rows: { at: Date; from: number; to: number; name: string | null }[] = await this.tx
      .reader()
      .query(
        `SELECT a.at, (a.detail->>'fromVersion')::int AS from, (a.detail->>'toVersion')::int AS to,
                p.name
           FROM wf_audit a LEFT JOIN person p ON p.id::text = a.actor
          WHERE a.instance_id = $1 AND a.action = 'instance.migrated'
          ORDER BY a.id`,
        [instanceId],
      );
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      fromVersion: r.from,
      toVersion: r.to,
      actorName: r.name,
    }));
  }

  async history(user: AuthUser, id: string): Promise<HistoryWithActors> {
    const instance = await this.get(user, id);
    const reader = this.tx.reader();
    const events = await reader.find(WorkflowHistoryEvent, {
      where: { instanceId: instance.id },
      order: { id: 'ASC' },
    });
    // Who acted: the person who completed each user task (a task's id is its element instance's).
    const done: { id: string; name: string }[] = await reader.query(
      `SELECT t.id, p.name FROM wf_task t JOIN person p ON p.id::text = t.completed_by
        WHERE t.instance_id = $1 AND t.completed_by IS NOT NULL`,
      [instance.id],
    );
    return { events, actors: new Map(done.map((row) => [row.id, row.name])) };
  }
}
