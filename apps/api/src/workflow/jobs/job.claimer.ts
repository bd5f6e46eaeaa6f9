import { Injectable } from '@nestjs/common';
import { entityFromRow } from '../../database/entity-rows.js';
import { Transactions } from '../../database/transactions.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { WorkflowJob } from './job.entity.js';

const WINDOW_BATCHES = 4;

/**
 * One statement, so a claim is one round trip with its BEGIN (and one with its COMMIT): the
 * jobs whose executor died, whose lock has expired, then due jobs up to the limit, returned
 * whole. Fair batching: of the earliest due rows (a window of `WINDOW_BATCHES` batches) it takes
 * each instance's first job, then each one's second, and so on, so one instance with many jobs
 * due (or one that keeps making jobs due in the past) cannot fill every batch while other
 * instances' jobs wait behind it.
 */
const CLAIM = `
  WITH reclaimed AS (
    UPDATE wf_job j SET lock_owner = $1, lock_expires_at = $2
      FROM (SELECT id FROM wf_job WHERE state = 'locked' AND lock_expires_at < $3
             ORDER BY lock_expires_at LIMIT $4 FOR UPDATE SKIP LOCKED) c
     WHERE j.id = c.id RETURNING j.*),
  due AS (
    UPDATE wf_job j SET state = 'locked', lock_owner = $1, lock_expires_at = $2
      FROM (SELECT id FROM (
              SELECT id, due_at,
                     row_number() OVER (PARTITION BY coalesce(instance_id::text, id)
                                        ORDER BY due_at, id) AS nth
                FROM (SELECT id, instance_id, due_at FROM wf_job
                       WHERE state = 'due' AND due_at <= $3
                         AND (instance_id IS NULL OR instance_id <> ALL ($6::uuid[]))
                       ORDER BY due_at LIMIT $5 FOR UPDATE SKIP LOCKED) due) ranked
             ORDER BY nth, due_at, id
             LIMIT greatest($4 - (SELECT count(*) FROM reclaimed), 0)) c
     WHERE j.id = c.id RETURNING j.*)
  SELECT row_to_json(r) AS job FROM reclaimed r
  UNION ALL SELECT row_to_json(d) FROM due d`;

/**
 * Takes due jobs for one executor with `FOR UPDATE SKIP LOCKED`: processes sharing the
 * database never take the same row, and never wait on each other. A claim moves a row out of
 * the `state = 'due'` partial index, so the next claim starts at the next due row.
 */
@Injectable()
export class JobClaimer {
  constructor(private readonly tx: Transactions) {}

  /** `except`: instances whose due jobs are left for a later claim (this process is stepping them). */
  async claim(
    owner: string,
    now: Date,
    lockMs: number,
    limit: number,
    except: readonly string[] = [],
  ): Promise<WorkflowJob[]> {
    const expires = new Date(now.getTime() + lockMs);
    const jobs = await this.tx.run(async (em) => {
      const [rows = []] = await UnitOfWork.of(em)!.read([
        {
          sql: CLAIM,
          params: [owner, expires, now, limit, limit * WINDOW_BATCHES, except],
        },
      ]);
      return rows.map((row) =>
        entityFromRow(em, WorkflowJob, (row as { job: Record<string, unknown> }).job),
      );
    });
    return jobs.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }
}
