import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../access/access.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { columnsOf, entityFromRow } from '../../database/entity-rows.js';
import { Transactions } from '../../database/transactions.js';
import { StandInLookup } from '../stand-ins/stand-in.lookup.js';
import { granteesOf } from './task-candidate.index.js';
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

/** Counting stops here: a tab holding more shows `INBOX_COUNT_CAP` and says it is capped. */
export const INBOX_COUNT_CAP = 1000;

export interface Count {
  n: number;
  capped: boolean;
}

export interface InboxPage {
  items: WorkflowTask[];
  total: number;
  /** `total` is a lower bound: the tab holds more than `INBOX_COUNT_CAP` tasks. */
  totalCapped: boolean;
}

export interface InboxCounts extends Record<InboxTab, number> {
  /** Tabs whose number is capped at `INBOX_COUNT_CAP`. */
  capped: InboxTab[];
}

const COLUMN: Record<string, string> = {
  dueAt: 'due_at',
  createdAt: 'created_at',
  priority: 'priority',
  completedAt: 'completed_at',
};

/**
 * The three inbox tabs, each page's rows in one query next to its count. "mine" and "done"
 * read one partial index from its head.
 * "claimable" reads each of the user's grantees (`user:<id>` and each assigned role) from the
 * head of the candidate index with a LIMIT and merges the heads, so a user whose groups hold
 * tens of thousands of open tasks still reads about a page per grantee. Totals are counted
 * up to `INBOX_COUNT_CAP`, so they too read a bounded number of index entries.
 */
@Injectable()
export class TaskInboxService {
  constructor(
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly standIns: StandInLookup,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The keys of the user's claimable work: their own, and those of anyone they stand in for. */
  private async granteesOf(user: AuthUser): Promise<string[]> {
    const principals = await this.standIns.principalsOf(
      this.tx.reader(),
      user.personId,
      this.clock.now(),
    );
    return [...new Set([user, ...principals].flatMap(granteesOf))];
  }

  async page(user: AuthUser, query: InboxQuery): Promise<InboxPage> {
    const sort = query.sort ?? (query.tab === 'done' ? '-completedAt' : 'dueAt');
    const limit = query.pageSize;
    const offset = (query.page - 1) * query.pageSize;
    if (query.tab === 'claimable') {
      const grantees = await this.granteesOf(user);
      const [items, total] = await Promise.all([
        this.claimablePage(grantees, query, sort, limit, offset),
        this.countClaimable(grantees, query),
      ]);
      return { items, total: total.n, totalCapped: total.capped };
    }
    const where = await this.ownWhere(user, query.tab, query);
    const [items, total] = await Promise.all([
      this.tasks(
        `SELECT ${this.taskColumns('t')} FROM wf_task t WHERE ${where.sql}
          ORDER BY ${orderBy('t', sort)} LIMIT ${limit} OFFSET ${offset}`,
        where.params,
      ),
      this.countOwn(where),
    ]);
    return { items, total: total.n, totalCapped: total.capped };
  }

  async counts(user: AuthUser, filter: InboxFilter): Promise<InboxCounts> {
    const [mine, claimable, done] = await Promise.all([
      this.ownWhere(user, 'mine', filter).then((where) => this.countOwn(where)),
      this.granteesOf(user).then((grantees) => this.countClaimable(grantees, filter)),
      this.ownWhere(user, 'done', filter).then((where) => this.countOwn(where)),
    ]);
    const tabs = { mine, claimable, done };
    return {
      mine: mine.n,
      claimable: claimable.n,
      done: done.n,
      capped: INBOX_TABS.filter((tab) => tabs[tab].capped),
    };
  }

  private taskColumns(alias: string): string {
    return columnsOf(this.tx.reader(), WorkflowTask, alias);
  }

  private async tasks(sql: string, params: unknown[]): Promise<WorkflowTask[]> {
    const reader = this.tx.reader();
    const rows = await reader.query<Record<string, unknown>[]>(sql, params);
    return rows.map((row) => entityFromRow(reader, WorkflowTask, row));
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

  private async claimablePage(
    grantees: string[],
    filter: InboxFilter,
    sort: InboxSort,
    limit: number,
    offset: number,
  ): Promise<WorkflowTask[]> {
    const params: unknown[] = [grantees];
    const conditions = ['c.grantee = g.grantee', ...(await this.filters('c', filter, params))];
    params.push(offset + limit);
    const head = `$${params.length}`;
    return this.tasks(
      `WITH heads AS (
         SELECT c.task_id, c.due_at, c.created_at, c.priority
           FROM unnest($1::text[]) AS g(grantee)
           CROSS JOIN LATERAL (
             SELECT c.task_id, c.due_at, c.created_at, c.priority FROM wf_task_candidate c
              WHERE ${conditions.join(' AND ')}
              ORDER BY ${orderBy('c', sort)} LIMIT ${head}) c
       ),
       page AS (
         SELECT DISTINCT h.task_id, h.due_at, h.created_at, h.priority FROM heads h
          ORDER BY ${orderBy('h', sort)} LIMIT ${limit} OFFSET ${offset}
       )
       SELECT ${this.taskColumns('t')} FROM page p JOIN wf_task t ON t.id = p.task_id
        ORDER BY ${orderBy('p', sort)}`,
      params,
    );
  }

  /** Each grantee contributes at most cap + 1 rows, so a union above the cap means "more". */
  private async countClaimable(grantees: string[], filter: InboxFilter): Promise<Count> {
    const params: unknown[] = [grantees];
    const conditions = ['c.grantee = g.grantee', ...(await this.filters('c', filter, params))];
    return this.capped(
      `SELECT count(*) AS n FROM (
         SELECT DISTINCT c.task_id FROM unnest($1::text[]) AS g(grantee)
           CROSS JOIN LATERAL (SELECT c.task_id FROM wf_task_candidate c
                                WHERE ${conditions.join(' AND ')} LIMIT ${INBOX_COUNT_CAP + 1}) c
       ) x`,
      params,
    );
  }

  private countOwn(where: { sql: string; params: unknown[] }): Promise<Count> {
    return this.capped(
      `SELECT count(*) AS n FROM (SELECT 1 FROM wf_task t WHERE ${where.sql} LIMIT ${INBOX_COUNT_CAP + 1}) x`,
      where.params,
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

  private async capped(sql: string, params: unknown[]): Promise<Count> {
    const rows = await this.tx.reader().query<{ n: string | number }[]>(sql, params);
    const n = Number(rows[0]?.n ?? 0);
    return n > INBOX_COUNT_CAP ? { n: INBOX_COUNT_CAP, capped: true } : { n, capped: false };
  }
}

/**
 * ORDER BY with the id as tie-breaker, both in the sort's direction and NULLS where a plain
 * index scan puts them (ASC last, DESC first), so the tab's index is read in order, never sorted.
 */
function orderBy(alias: string, sort: InboxSort): string {
  const descending = sort.startsWith('-');
  const named = COLUMN[descending ? sort.slice(1) : sort] ?? 'due_at';
  // Candidate rows are open tasks: they have no completion time to sort by.
  const column = alias !== 't' && named === 'completed_at' ? 'due_at' : named;
  const id = alias === 't' ? 'id' : 'task_id';
  return descending
    ? `${alias}.${column} DESC NULLS FIRST, ${alias}.${id} DESC`
    : `${alias}.${column} ASC NULLS LAST, ${alias}.${id} ASC`;
}
