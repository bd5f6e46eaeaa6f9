import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { localMinute } from '../common/time-zone.js';
import { returnedRows } from '../database/returned-rows.js';
import { Transactions } from '../database/transactions.js';
import { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification.options.js';
import { Notifier, type NotificationInput } from './notifier.js';
import { candidatesOf, taskLabel } from './task-people.js';

type Stage = 'due_soon' | 'overdue' | 'escalated';

const DAY_MS = 24 * 3600_000;
/**
 * Deadlines passed longer ago than this get no notice: the look-back of a full round, which
 * covers the API being down for a long holiday, while an old database's first round does not
 * tell everyone of everything ever overdue.
 */
const LOOK_BACK_MS = 7 * DAY_MS;
const FULL_ROUND_EVERY_MS = 3600_000;
/** A round also looks this far behind the last one: a deadline written as it ran is not lost. */
const ROUND_OVERLAP_MS = 5 * 60_000;
/** Subjects looked at per stage and round; the next round takes the rest. */
const BATCH = 200;
/** A rectification still waiting on someone (OPEN_RECTIFICATION_STATUSES). */
const OPEN_RECTIFICATION = `('awaiting_plan','plan_review','awaiting_evidence','evidence_review')`;

/**
 * Deadline notices. Open work with a due time: a reminder a day before (提醒; not for work made
 * less than a day before it is due, whose new-work notice says as much), overdue to the holder,
 * and — still open `escalateAfterMs` later — escalated to the secretary of the work's unit (the
 * nearest unit up whose secretary is not a holder). An open rectification: its branch's
 * secretaries are told a day before its due date and when it is overdue (`rectification_due`;
 * the flow's 逾期督办 escalates it). Each notice is recorded with its notification in one
 * transaction and given once per due time (a moved deadline is noticed again), by whichever
 * process records it first. A deadline passed over a week ago gets none (`LOOK_BACK_MS`).
 */
@Injectable()
export class DeadlineNotices {
  /** When this process last finished a round that left nothing for the next, and a full one. */
  private lastRound: number | null = null;
  private lastFullRound = 0;

  constructor(
    private readonly tx: Transactions,
    private readonly notifier: Notifier,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Gives every notice due now; returns how many were given. */
  async scan(): Promise<number> {
    const now = this.clock.now();
    const soon = new Date(now.getTime() + DAY_MS);
    const late = new Date(now.getTime() - this.options.escalateAfterMs);
    const back = this.lookBack(now.getTime());
    const since = (moment: Date) => new Date(moment.getTime() - back);
    const dueSoon = `due_at > $2 AND due_at <= $3 AND due_at > $4 AND created_at <= due_at - interval '1 day'`;
    // [stage, which subjects (parameters from $2), their parameters]
    const stages: [Stage, string, Date[]][] = [
      ['due_soon', dueSoon, [now, soon, since(soon)]],
      ['overdue', `due_at <= $2 AND due_at > $3`, [now, since(now)]],
    ];
    let given = 0;
    let complete = true;
    for (const [stage, condition, params] of [
      ...stages,
      [
        'escalated',
        `due_at <= $2 AND due_at > $3 AND org_unit_id IS NOT NULL`,
        [late, since(late)],
      ] as const,
    ]) {
      const tasks = await this.due(`wf_task WHERE status = 'open'`, 'id', condition, stage, params);
      complete &&= tasks.length < BATCH;
      for (const id of tasks) {
        if (await this.tx.run((em) => this.forTask(em, id, stage, now))) given++;
      }
    }
    for (const [stage, condition, params] of stages) {
      const items = await this.due(
        `rectification WHERE status IN ${OPEN_RECTIFICATION}`,
        `'rectification:' || id`,
        condition,
        stage,
        params,
      );
      complete &&= items.length < BATCH;
      for (const subject of items) {
        if (await this.tx.run((em) => this.forRectification(em, subject, stage, now))) given++;
      }
    }
    if (complete) this.roundDone(now.getTime(), back === LOOK_BACK_MS);
    return given;
  }

  /**
   * How long before its moment (due, due in a day, overdue long enough to escalate) a notice is
   * still given: since the last complete round (with an overlap), so that a round walks only
   * the deadlines passed meanwhile, not every open task long overdue and long noticed; or, in a
   * full round (the first, then hourly, or when the clock went back), the whole look-back,
   * which also catches what a round cannot see: work made with its deadline already past, a
   * deadline moved earlier.
   */
  private lookBack(now: number): number {
    const { lastRound, lastFullRound } = this;
    if (lastRound === null || now < lastRound || now - lastFullRound >= FULL_ROUND_EVERY_MS) {
      return LOOK_BACK_MS;
    }
    return Math.min(now - lastRound + ROUND_OVERLAP_MS, LOOK_BACK_MS);
  }

  private roundDone(now: number, full: boolean): void {
    this.lastRound = now;
    if (full) this.lastFullRound = now;
  }

  /** Subjects of `from` whose `stage` notice is due and not yet given for their due time. */
  private async due(
    from: string,
    subject: string,
    condition: string,
    stage: Stage,
    params: readonly Date[],
  ): Promise<string[]> {
    const rows = await this.tx.reader().query<{ subject: string }[]>(
      `SELECT subject FROM (SELECT ${subject} AS subject, due_at FROM ${from} AND ${condition}) s
        WHERE NOT EXISTS (SELECT 1 FROM notification_deadline n
                           WHERE n.subject = s.subject AND n.stage = $1 AND n.due_at = s.due_at)
        ORDER BY due_at LIMIT ${BATCH}`,
      [stage, ...params],
    );
    return rows.map((r) => r.subject);
  }

  /** Records the notice; false when another process (or an earlier round) already has. */
  private async record(
    em: EntityManager,
    subject: string,
    stage: Stage,
    dueAt: Date,
    now: Date,
  ): Promise<boolean> {
    const recorded = await em.query<unknown>(
      `INSERT INTO notification_deadline (subject, stage, due_at, notified_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING subject`,
      [subject, stage, dueAt, now],
    );
    return returnedRows(recorded).length > 0;
  }

  private async forTask(em: EntityManager, id: string, stage: Stage, now: Date): Promise<boolean> {
    const task = await em.findOneBy(WorkflowTask, { id, status: 'open' });
    if (!task?.dueAt || !(await this.record(em, id, stage, task.dueAt, now))) return false;
    const holders = task.assignee ? [task.assignee] : await candidatesOf(em, task);
    const name = taskLabel(task);
    const due = localMinute(task.dueAt);
    const notice: NotificationInput | null =
      stage === 'escalated'
        ? await this.escalation(em, task, holders)
        : {
            kind: stage === 'due_soon' ? 'reminder' : 'overdue',
            personIds: holders,
            title: stage === 'due_soon' ? `明日到期：${name}` : `已超期：${name}`,
            body:
              stage === 'due_soon'
                ? `「${name}」将于 ${due} 到期，请抓紧办理。`
                : `「${name}」已于 ${due} 到期，尚未办结，请尽快办理。`,
            link: `/tasks/${task.id}`,
            orgUnitId: task.orgUnitId,
          };
    if (notice) await this.notifier.notify(em, notice);
    return true;
  }

  private async escalation(
    em: EntityManager,
    task: WorkflowTask,
    holders: string[],
  ): Promise<NotificationInput | null> {
    // the secretaries of the task's unit, else of the nearest unit above that has one
    const rows = await em.query<{ id: string; depth: number }[]>(
      `SELECT r.person_id AS id, length(u.path) AS depth
         FROM org_unit t
         JOIN org_unit u ON u.id = ANY (string_to_array(trim(both '/' from t.path), '/')::uuid[])
         JOIN role_assignment r ON r.org_unit_id = u.id
          AND r.role IN ('branch_secretary', 'committee_secretary')
        WHERE t.id = $1 AND NOT (r.person_id::text = ANY($2::text[]))
        ORDER BY length(u.path) DESC`,
      [task.orgUnitId, holders],
    );
    const nearest = rows.filter((r) => r.depth === rows[0]?.depth).map((r) => r.id);
    if (nearest.length === 0) return null;
    const [holder] = task.assignee
      ? await em.query<{ name: string }[]>(`SELECT name FROM person WHERE id::text = $1`, [
          task.assignee,
        ])
      : [];
    const name = taskLabel(task);
    const whose = holder ? `${holder.name}的待办` : '待签收的待办';
    return {
      kind: 'overdue_escalated',
      personIds: nearest,
      title: `超期督办：${name}`,
      body: `${whose}「${name}」已于 ${localMinute(task.dueAt!)} 到期，至今未办结，请督促办理。`,
      link: `/tasks/${task.id}`,
      orgUnitId: task.orgUnitId,
    };
  }

  private async forRectification(
    em: EntityManager,
    subject: string,
    stage: Stage,
    now: Date,
  ): Promise<boolean> {
    const [item] = await em.query<{ branchId: string; title: string; dueAt: Date }[]>(
      `SELECT branch_id AS "branchId", title, due_at AS "dueAt" FROM rectification
        WHERE id::text = $1 AND status IN ${OPEN_RECTIFICATION}`,
      [subject.slice('rectification:'.length)],
    );
    if (!item || !(await this.record(em, subject, stage, item.dueAt, now))) return false;
    const secretaries = await em.query<{ id: string }[]>(
      `SELECT person_id AS id FROM role_assignment
        WHERE role = 'branch_secretary' AND org_unit_id = $1`,
      [item.branchId],
    );
    const due = localMinute(new Date(item.dueAt));
    await this.notifier.notify(em, {
      kind: 'rectification_due',
      personIds: secretaries.map((s) => s.id),
      title: stage === 'due_soon' ? `整改明日到期：${item.title}` : `整改已逾期：${item.title}`,
      body:
        stage === 'due_soon'
          ? `整改事项「${item.title}」将于 ${due} 到期，请抓紧完成整改并提交佐证。`
          : `整改事项「${item.title}」已于 ${due} 到期，尚未销号，请尽快完成整改。`,
      link: '/rectifications',
      orgUnitId: item.branchId,
    });
    return true;
  }
}
