import { Injectable } from '@nestjs/common';
import { Forbidden, RuleViolation } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import { ORG_ADMIN_ROLES } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { bilingual } from '../../common/locale.js';
import { instantOf } from '../../common/time-zone.js';
import { ReadReplica } from '../../database/read-replica.js';
import { WorkflowAccess } from '../workflow-access.js';
import type { AuditEntryDto, AuditFilterDto } from './audit.dto.js';

interface Row {
  id: string;
  at: Date;
  actor: string;
  actor_name: string | null;
  action: string;
  instance_id: string | null;
  process_id: string | null;
  process_name: string | null;
  org_unit_id: string | null;
  unit_name: string | null;
  task_id: string | null;
  task_name: string | null;
  task_element_id: string | null;
  target_name: string | null;
  detail: Record<string, unknown>;
}

const SELECT = `
  SELECT a.id, a.at, a.actor, p.name AS actor_name, a.action, a.instance_id, i.process_id,
         d.name AS process_name, i.org_unit_id, u.name AS unit_name, a.task_id, t.name AS task_name,
         t.element_id AS task_element_id,
         tp.name AS target_name, a.detail
    FROM wf_audit a
    LEFT JOIN wf_instance i ON i.id = a.instance_id
    LEFT JOIN wf_definition d ON d.id = i.definition_id
    LEFT JOIN org_unit u ON u.id = i.org_unit_id
    LEFT JOIN wf_task t ON t.id = a.task_id
    LEFT JOIN person p ON p.id::text = a.actor
    LEFT JOIN person tp ON tp.id::text = a.detail->>'to'`;

/** The most rows one export holds. */
export const AUDIT_EXPORT_MAX = 50_000;

/**
 * Reads the audit log within the user's reach: OD everything; committee leadership and branch
 * secretaries the rows of instances in their subtrees.
 */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly access: WorkflowAccess,
    private readonly org: AccessService,
    private readonly replica: ReadReplica,
  ) {}

  async page(
    user: AuthUser,
    filter: AuditFilterDto,
    page: number,
    pageSize: number,
  ): Promise<{ items: AuditEntryDto[]; total: number }> {
    const { where, params } = await this.where(user, filter);
    const db = await this.replica.reader();
    const [rows, counted] = await Promise.all([
      db.query<Row[]>(
        `${SELECT} ${where} ORDER BY a.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
      db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM wf_audit a LEFT JOIN wf_instance i ON i.id = a.instance_id ${where}`,
        params,
      ),
    ]);
    return { items: rows.map(toEntry), total: Number(counted[0]?.n ?? 0) };
  }

  /**
   * Every row of the filter, oldest first. More than `AUDIT_EXPORT_MAX` rows is refused, naming
   * the count, rather than cut short: an export is evidence and must be whole.
   */
  async all(user: AuthUser, filter: AuditFilterDto): Promise<AuditEntryDto[]> {
    const { where, params } = await this.where(user, filter);
    const db = await this.replica.reader();
    const rows = await db.query<Row[]>(
      `${SELECT} ${where} ORDER BY a.id LIMIT ${AUDIT_EXPORT_MAX + 1}`,
      params,
    );
    if (rows.length > AUDIT_EXPORT_MAX) {
      const counted = await db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM wf_audit a LEFT JOIN wf_instance i ON i.id = a.instance_id ${where}`,
        params,
      );
      const total = Number(counted[0]?.n ?? 0);
      throw new RuleViolation(
        bilingual(
          `符合条件的审计记录有 ${total} 条，超过单次导出上限 ${AUDIT_EXPORT_MAX} 条，请缩小时间段或增加筛选条件后分次导出`,
          `${total} audit rows match, more than the ${AUDIT_EXPORT_MAX} one export holds: narrow the period or the filter and export in parts`,
        ),
        { total, limit: AUDIT_EXPORT_MAX },
      );
    }
    return rows.map(toEntry);
  }

  /** An instance's rows, oldest first (the caller has checked the instance is readable). */
  async ofInstance(instanceId: string): Promise<AuditEntryDto[]> {
    const db = await this.replica.reader();
    const rows = await db.query<Row[]>(`${SELECT} WHERE a.instance_id = $1 ORDER BY a.id`, [
      instanceId,
    ]);
    return rows.map(toEntry);
  }

  private async where(
    user: AuthUser,
    filter: AuditFilterDto,
  ): Promise<{ where: string; params: unknown[] }> {
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const scope = await this.access.scope(user, 'i', ORG_ADMIN_ROLES, params);
    if (scope === 'false') {
      throw new Forbidden(
        bilingual(
          '仅组织部、党委和党支部书记可查看审计日志',
          'only the Organization Department, committees and branch secretaries may read the audit log',
        ),
      );
    }
    if (scope) where.push(scope);
    if (filter.orgUnitId) {
      const path = await this.org.pathOf(filter.orgUnitId);
      where.push(`i.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE ${bind(`${path}%`)})`);
    }
    if (filter.personId) where.push(`a.actor = ${bind(filter.personId)}`);
    if (filter.action) where.push(`a.action = ${bind(filter.action)}`);
    if (filter.from) {
      where.push(`a.at >= ${bind(instantOf(`${filter.from.slice(0, 10)} 00:00:00`))}`);
    }
    if (filter.to) {
      where.push(`a.at < ${bind(instantOf(`${nextDay(filter.to.slice(0, 10))} 00:00:00`))}`);
    }
    return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }
}

const MOVES = ['task.returned', 'task.withdrawn'];

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function toEntry(r: Row): AuditEntryDto {
  return {
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    actorName: r.actor_name,
    action: r.action,
    instanceId: r.instance_id,
    processId: r.process_id,
    processName: r.process_name,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.unit_name,
    taskId: r.task_id,
    taskName: r.task_name,
    taskElementId: r.task_element_id,
    targetName: r.target_name,
    stepName: r.action === 'task.returned' ? text(r.detail['name']) : null,
    movedTo: MOVES.includes(r.action) ? text(r.detail['elementId']) : null,
    reason: text(r.detail['reason']) ?? text(r.detail['message']),
  };
}

/** The calendar day after `day` (YYYY-MM-DD). */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
