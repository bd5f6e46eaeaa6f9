import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { WorkflowTransactions } from '../workflow-transactions.js';
import { userGrantee } from './task-candidates.js';
import { WorkflowTask } from './task.entity.js';

export const INBOX_TABS = ['mine', 'claimable', 'done'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const INBOX_SORTS = [
  'dueAt',
  '-dueAt',
  'createdAt',
  '-createdAt',
  'priority',
  '-priority',
  'completedAt',
  '-completedAt',
] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export interface InboxFilter {
  processId?: string;
  /** The unit and its subtree. */
  orgUnitId?: string;
  overdue?: boolean;
  dueBefore?: Date;
}

export interface InboxQuery extends InboxFilter {
  tab: InboxTab;
  sort?: InboxSort;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface InboxPage {
  items: WorkflowTask[];
  total: number;
}

const COLUMN: Record<string, string> = {
  dueAt: 'due_at',
  createdAt: 'created_at',
  priority: 'priority',
  completedAt: 'completed_at',
};

/**
 * The three inbox tabs. "mine" and "done" read one partial index from its head.
 * "claimable" reads each of the user's grantees (`user:<id>` and every `<role>@<unit>` they
 * hold) from the head of the candidate index with a LIMIT and merges the heads, so a user
 * whose groups hold tens of thousands of open tasks still reads only about a page per group.
 */
@Injectable()
export class TaskInboxService {
  constructor(
    private readonly tx: WorkflowTransactions,
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(user: AuthUser, query: InboxQuery): Promise<InboxPage> {
    const sort = query.sort ?? (query.tab === 'done' ? '-completedAt' : 'dueAt');
    const limit = query.pageSize;
    const offset = (query.page - 1) * query.pageSize;
    if (query.tab === 'claimable') {
      const grantees = await this.granteesOf(user);
      const [ids, total] = await Promise.all([
        this.claimableIds(grantees, query, sort, limit, offset),
        this.countClaimable(grantees, query),
      ]);
      const rows = ids.length ? await this.tx.reader().findBy(WorkflowTask, { id: In(ids) }) : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { items: ids.flatMap((id) => byId.get(id) ?? []), total };
    }
    const where = await this.ownWhere(user, query.tab, query);
    const order = orderBy('t', sort);
    const [items, total] = await Promise.all([
      this.tx
        .reader()
        .query<Record<string, unknown>[]>(
          `SELECT t.id FROM wf_task t WHERE ${where.sql} ORDER BY ${order}, t.id LIMIT ${limit} OFFSET ${offset}`,
          where.params,
        )
        .then(async (rows) => {
          const ids = rows.map((r) => String(r['id']));
          const tasks = ids.length
            ? await this.tx.reader().findBy(WorkflowTask, { id: In(ids) })
            : [];
          const byId = new Map(tasks.map((t) => [t.id, t]));
          return ids.flatMap((id) => byId.get(id) ?? []);
        }),
      this.count(`SELECT count(*) AS n FROM wf_task t WHERE ${where.sql}`, where.params),
    ]);
    return { items, total };
  }

  async counts(user: AuthUser, filter: InboxFilter): Promise<Record<InboxTab, number>> {
    const [mine, done] = await Promise.all(
      (['mine', 'done'] as const).map(async (tab) => {
        const where = await this.ownWhere(user, tab, filter);
        return this.count(`SELECT count(*) AS n FROM wf_task t WHERE ${where.sql}`, where.params);
      }),
    );
    const claimable = await this.countClaimable(await this.granteesOf(user), filter);
    return { mine: mine ?? 0, claimable, done: done ?? 0 };
  }

  private async granteesOf(user: AuthUser): Promise<string[]> {
    return [userGrantee(user.personId), ...(await this.access.groupsOf(user))];
  }

  private async ownWhere(
    user: AuthUser,
    tab: 'mine' | 'done',
    filter: InboxFilter,
  ): Promise<{ sql: string; params: unknown[] }> {
    const params: unknown[] = [user.personId];
    const own =
      tab === 'mine'
        ? `t.status = 'open' AND t.assignee IS NOT NULL AND t.assignee = $1`
        : `t.status = 'completed' AND t.completed_by = $1`;
    return { sql: [own, ...(await this.filters('t', filter, params))].join(' AND '), params };
  }

  private async claimableIds(
    grantees: string[],
    filter: InboxFilter,
    sort: InboxSort,
    limit: number,
    offset: number,
  ): Promise<string[]> {
    const params: unknown[] = [grantees];
    const conditions = ['c.grantee = g.grantee', ...(await this.filters('c', filter, params))];
    params.push(offset + limit);
    const head = `$${params.length}`;
    const rows = await this.tx.reader().query<{ task_id: string }[]>(
      `WITH heads AS (
         SELECT c.task_id, c.due_at, c.created_at, c.priority
           FROM unnest($1::text[]) AS g(grantee)
           CROSS JOIN LATERAL (
             SELECT c.task_id, c.due_at, c.created_at, c.priority FROM wf_task_candidate c
              WHERE ${conditions.join(' AND ')}
              ORDER BY ${orderBy('c', sort)}, c.task_id LIMIT ${head}) c
       )
       SELECT DISTINCT h.task_id, h.due_at, h.created_at, h.priority FROM heads h
        ORDER BY ${orderBy('h', sort)}, h.task_id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return rows.map((r) => r.task_id);
  }

  private async countClaimable(grantees: string[], filter: InboxFilter): Promise<number> {
    const params: unknown[] = [grantees];
    const conditions = [
      'c.grantee = ANY($1::text[])',
      ...(await this.filters('c', filter, params)),
    ];
    const counted = grantees.length === 1 ? 'count(*)' : 'count(DISTINCT c.task_id)';
    return this.count(
      `SELECT ${counted} AS n FROM wf_task_candidate c WHERE ${conditions.join(' AND ')}`,
      params,
    );
  }

  private async filters(alias: string, filter: InboxFilter, params: unknown[]): Promise<string[]> {
    const out: string[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.processId) out.push(`${alias}.process_id = ${bind(filter.processId)}`);
    if (filter.orgUnitId) {
      const path = await this.access.pathOf(filter.orgUnitId);
      out.push(
        `${alias}.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE ${bind(`${path}%`)})`,
      );
    }
    if (filter.overdue) out.push(`${alias}.due_at < ${bind(this.clock.now())}`);
    if (filter.dueBefore) out.push(`${alias}.due_at < ${bind(filter.dueBefore)}`);
    return out;
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const rows = await this.tx.reader().query<{ n: string | number }[]>(sql, params);
    return Number(rows[0]?.n ?? 0);
  }
}

function orderBy(alias: string, sort: InboxSort): string {
  const descending = sort.startsWith('-');
  const named = COLUMN[descending ? sort.slice(1) : sort] ?? 'due_at';
  // Candidate rows are open tasks: they have no completion time to sort by.
  const column = alias !== 't' && named === 'completed_at' ? 'due_at' : named;
  return `${alias}.${column} ${descending ? 'DESC' : 'ASC'} NULLS LAST`;
}
