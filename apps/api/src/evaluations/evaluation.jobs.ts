import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { localDay } from '../common/time-zone.js';
import { OrgSession } from '../sessions/session.entity.js';
import { requireLinked } from '../task-forms/linked-record.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { VanguardRound } from './evaluation.entity.js';

/** The quarter (`YYYYQn`, on the university's clock) a moment falls in. */
export function quarterOf(at: Date): string {
  const [year, month] = localDay(at).split('-').map(Number) as [number, number];
  return `${year}Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Service tasks of the `evaluation` and `vanguard-review` flows. */
@Injectable()
export class EvaluationJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register('orglife.evaluation.close', async (job, em) => {
      const session = await requireLinked(em, OrgSession, job, ['组织生活', 'a session']);
      await em.update(OrgSession, { id: session.id }, { evaluatedAt: this.clock.now() });
    });
    this.jobs.register('orglife.vanguard.openRound', (job, em) => this.openRound(job, em));
  }

  /**
   * Opens this quarter's round (once) and lists every branch that has members. A later run in a
   * quarter whose round another run opened (OD redeployed the flow with another day) lists no
   * branch and ends: its tasks could never reach the round, which belongs to the first run.
   */
  private async openRound(job: WorkflowJob, em: EntityManager) {
    const quarter = quarterOf(this.clock.now());
    const opened = await em.findOneBy(VanguardRound, { quarter });
    if (opened && opened.instanceId !== job.instanceId) {
      return { roundId: opened.id, quarter, branchIds: [] };
    }
    const round =
      opened ??
      (await em.save(
        em.create(VanguardRound, {
          quarter,
          instanceId: job.instanceId,
          openedAt: this.clock.now(),
        }),
      ));
    const rows = await em.query<{ id: string }[]>(
      `SELECT b.id FROM org_unit b WHERE b.type = 'branch' AND EXISTS (
         SELECT 1 FROM person p JOIN org_unit u ON u.id = p.org_unit_id
          WHERE u.path LIKE b.path || '%' AND p.member_type IS NOT NULL)
        ORDER BY b.path`,
    );
    return { roundId: round.id, quarter, branchIds: rows.map((r) => r.id) };
  }
}
