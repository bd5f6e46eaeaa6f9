import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { NotFound, Conflict } from '../../common/errors.js';
import { COMMITTEE_ROLES, type RoleName } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { CommandScope } from '../instances/command.scope.js';
import { InstanceCommandRunner } from '../instances/instance-command.runner.js';
import { isUuid } from '../instances/org-unit-of.js';
import { WorkflowJob } from '../jobs/job.entity.js';
import { WorkflowAccess } from '../workflow-access.js';
import { Transactions } from '../../database/transactions.js';
import { type IncidentStatus, WorkflowIncident } from './incident.entity.js';

/** OD and committee leadership look after the incidents of their subtree. */
const INCIDENT_ROLES: RoleName[] = ['od_admin', ...COMMITTEE_ROLES];
/** A retried timer gets this many attempts again. */
const RETRIES_ON_RETRY = 3;

export interface IncidentFilter {
  status?: IncidentStatus;
  instanceId?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class IncidentService {
  constructor(
    private readonly tx: Transactions,
    private readonly scope: CommandScope,
    private readonly runner: InstanceCommandRunner,
    private readonly access: WorkflowAccess,
  ) {}

  async list(
    user: AuthUser,
    filter: IncidentFilter,
  ): Promise<{ items: WorkflowIncident[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const scope = await this.access.scope(user, 'x', INCIDENT_ROLES, params);
    if (scope) where.push(scope);
    if (filter.status) {
      params.push(filter.status);
      where.push(`x.status = $${params.length}`);
    }
    if (filter.instanceId) {
      params.push(filter.instanceId);
      where.push(`x.instance_id = $${params.length}::uuid`);
    }
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = (filter.page - 1) * filter.pageSize;
    const db = this.tx.reader();
    const [ids, counted] = await Promise.all([
      db.query<{ id: string }[]>(
        `SELECT x.id FROM wf_incident x ${sql} ORDER BY x.created_at DESC, x.id LIMIT ${filter.pageSize} OFFSET ${offset}`,
        params,
      ),
      db.query<{ n: string }[]>(`SELECT count(*) AS n FROM wf_incident x ${sql}`, params),
    ]);
    const rows = ids.length
      ? await db.findBy(WorkflowIncident, { id: In(ids.map((r) => r.id)) })
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { items: ids.flatMap((r) => byId.get(r.id) ?? []), total: Number(counted[0]?.n ?? 0) };
  }

  /**
   * Tries again: an engine incident is resolved in the engine (which re-creates the job);
   * a timer that could not fire goes back to due now with fresh retries.
   */
  async retry(user: AuthUser, incidentId: string): Promise<WorkflowIncident> {
    const found = isUuid(incidentId)
      ? await this.tx.reader().findOneBy(WorkflowIncident, { id: incidentId })
      : null;
    if (!found) throw new NotFound(`Incident ${incidentId} does not exist.`);
    await this.access.assertOnUnit(user, found.orgUnitId, INCIDENT_ROLES);
    return this.scope.run(null, user.personId, async (ctx) => {
      if (found.instanceId) {
        const instance = await this.runner.lock(ctx, found.instanceId);
        const incident = await ctx.em.findOneByOrFail(WorkflowIncident, { id: incidentId });
        if (incident.status !== 'open')
          throw new Conflict(`Incident ${incidentId} is already resolved.`);
        if (incident.engineIncidentId) {
          await this.runner.run(ctx, instance, {
            type: 'resolveIncident',
            incidentId: incident.engineIncidentId,
            now: ctx.now.toISOString(),
          });
        }
      }
      if (found.jobId) {
        await ctx.em.update(
          WorkflowJob,
          { id: found.jobId, state: 'failed' },
          { state: 'due', dueAt: ctx.now, retries: RETRIES_ON_RETRY, attempts: 0, lastError: null },
        );
      }
      await ctx.em.update(
        WorkflowIncident,
        { id: incidentId },
        { status: 'resolved', resolvedAt: ctx.now, resolvedBy: user.personId },
      );
      ctx.journal.recordAudit(ctx.now, {
        actor: user.personId,
        action: 'incident.retried',
        instanceId: found.instanceId,
        detail: { incidentId },
      });
      return ctx.em.findOneByOrFail(WorkflowIncident, { id: incidentId });
    });
  }
}
