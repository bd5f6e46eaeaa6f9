import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import type { Logger } from 'pino';
import { type EntityManager, IsNull } from 'typeorm';
import { APP_LOGGER } from '../logging/app-logger.js';
import { InstanceEndHooks } from '../workflow/instances/instance-end.hooks.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { localDay } from '../common/time-zone.js';
import { addIsoDuration } from '../rectification/due-date.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import { Notifier } from '../notifications/notifier.js';
import { branchesOfUniversity, previousMonth } from './branch.population.js';
import { drawSample, newSeed, SAMPLE_ALGORITHM } from './sample.drawer.js';
import { SpotCheckBatch } from './spot-check-batch.entity.js';
import { SpotCheckItem } from './spot-check-item.entity.js';

/** The spot-check flow's draw: sample, record the batch with its seed, hand out one item per branch. */
@Injectable()
export class SpotCheckJobs implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly endHooks: InstanceEndHooks,
    private readonly notifier: Notifier,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.endHooks.onTerminated(async (em, instanceId, at) => {
      const batch = await em.findOneBy(SpotCheckBatch, { instanceId, cancelledAt: IsNull() });
      if (!batch) return;
      await em.update(SpotCheckBatch, { id: batch.id }, { cancelledAt: at });
      await em.update(
        SpotCheckItem,
        { batchId: batch.id, status: 'pending' },
        { status: 'cancelled' },
      );
    });
    this.registry.register('orglife.spot-check.draw', (job, em) => this.draw(job, em));
  }

  private async draw(job: WorkflowJob, em: EntityManager): Promise<Variables> {
    const v = job.variables;
    const now = this.clock.now();
    const rule = {
      seed: typeof v['seed'] === 'number' ? v['seed'] : newSeed(),
      rate: Number(v['sampleRate']),
      minPerCommittee: Number(v['minPerCommittee']),
    };
    const month = typeof v['month'] === 'string' ? v['month'] : previousMonth(localDay(now));
    const { universityId, branches } = await branchesOfUniversity(em);
    const kind = v['extra'] === true ? 'extra' : 'regular';
    // The monthly timer finds OD already drew this month's regular sample by hand: one regular
    // draw a month, so this run draws nothing and ends (logged), rather than failing the step.
    if (kind === 'regular') {
      const drawn = await em.findOneBy(SpotCheckBatch, {
        month,
        kind: 'regular',
        cancelledAt: IsNull(),
      });
      if (drawn) {
        this.logger.info(
          { instanceId: job.instanceId, month, batchId: drawn.id },
          'spot check: the month already has its regular draw; this run draws nothing',
        );
        return { batchId: null, universityId, month, sampledBranches: [] };
      }
    }
    const dueAt = addIsoDuration(now, String(v['inspectionPeriod'])).toISOString();
    const population = branches.map((b) => ({ branchId: b.branchId, committeeId: b.groupId }));
    const sampled = drawSample(population, rule);

    const batch = await em.save(
      em.create(SpotCheckBatch, {
        month,
        seed: rule.seed,
        sampleRate: rule.rate,
        minPerCommittee: rule.minPerCommittee,
        algorithm: SAMPLE_ALGORITHM,
        population,
        sampledBranchIds: sampled,
        instanceId: job.instanceId,
        kind,
        reason: typeof v['reason'] === 'string' ? v['reason'] : null,
        createdBy: typeof v['startedBy'] === 'string' ? v['startedBy'] : null,
        createdAt: now,
        cancelledAt: null,
        drawnAt: now,
      }),
    );
    const sampledBranches = [];
    for (const branchId of sampled) {
      const branch = branches.find((b) => b.branchId === branchId);
      if (!branch) continue;
      const item = await em.save(
        em.create(SpotCheckItem, {
          batchId: batch.id,
          branchId,
          committeeId: branch.committeeId,
          status: 'pending',
        }),
      );
      sampledBranches.push({
        itemId: item.id,
        branchId,
        branchName: branch.name,
        committeeId: branch.committeeId,
        month,
        inspectionDueAt: dueAt,
      });
      await this.tellBranch(em, branchId, month);
    }
    return { batchId: batch.id, universityId, month, sampledBranches };
  }

  /** The sampled branch's secretary hears it with the draw (and its robot, if it takes this kind). */
  private async tellBranch(em: EntityManager, branchId: string, month: string): Promise<void> {
    const secretaries = await em.query<{ id: string }[]>(
      `SELECT person_id AS id FROM role_assignment
        WHERE role = 'branch_secretary' AND org_unit_id = $1`,
      [branchId],
    );
    await this.notifier.notify(em, {
      kind: 'spot_check',
      personIds: secretaries.map((s) => s.id),
      title: `抽查：本支部被抽中 ${month} 督查`,
      body: `本支部已被抽中接受 ${month} 组织生活督查，请备好该月的会议记录与佐证材料。`,
      link: '/spot-checks',
      orgUnitId: branchId,
    });
  }
}
