import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import { In, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { BranchDirectory } from '../plans/branch.directory.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { InstanceEndHooks } from '../workflow/instances/instance-end.hooks.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import { OPEN_RECTIFICATION_STATUSES, Rectification } from './rectification.entity.js';
import { addIsoDuration } from './due-date.js';
import { RectificationRepository } from './rectification.repository.js';
import { mayLink, rectificationIdOf } from './rectification-task.js';

const SYSTEM = 'system';

/** Service tasks of the rectification and follow-up flows. */
@Injectable()
export class RectificationJobs implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly endHooks: InstanceEndHooks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // An item whose flow is cancelled (or the spot check that opened it) is cancelled with it,
    // in its history; a closed item stays closed.
    this.endHooks.onTerminated(async (em, instanceId, at) => {
      const items = await em.find(Rectification, {
        where: { instanceId, status: In([...OPEN_RECTIFICATION_STATUSES]) },
        lock: { mode: 'pessimistic_write' },
      });
      const repo = new RectificationRepository(em);
      for (const item of items) {
        const from = item.status;
        item.status = 'cancelled';
        await repo.save(item);
        await repo.record(item, at, SYSTEM, 'cancelled', null, { status: from });
      }
    });
    this.registry.register('orglife.rectification.register', (job, em) => this.register(job, em));
    this.registry.register('orglife.rectification.escalate', (job, em) => this.escalate(job, em));
    this.registry.register('orglife.follow-up.schedule', (job, em) =>
      this.scheduleFollowUp(job, em),
    );
  }

  /** Links the item to its flow and hands the flow who acts on it and when it falls due. */
  private async register(job: WorkflowJob, em: EntityManager): Promise<Variables> {
    const repo = new RectificationRepository(em);
    const item = await repo.lock(idOf(job));
    if (!(await mayLink(em, item, job))) {
      throw new Error(
        `Rectification ${item.id} belongs to another flow or source; instance ${job.instanceId} may not take it`,
      );
    }
    item.instanceId = job.instanceId;
    await repo.save(item);
    const branch = await new BranchDirectory().context(em, item.branchId);
    return {
      branchId: item.branchId,
      committeeId: item.committeeId,
      universityId: branch.universityId,
      directBranch: branch.direct,
      dueAt: item.dueAt.toISOString(),
    };
  }

  /** The due date passed with the item still open: mark it escalated (督办) in its history. */
  private async escalate(job: WorkflowJob, em: EntityManager): Promise<void> {
    const repo = new RectificationRepository(em);
    const item = await repo.lock(await rectificationIdOf(em, job));
    const now = this.clock.now();
    item.escalatedAt = now;
    await repo.save(item);
    await repo.record(item, now, SYSTEM, 'escalated', null, {
      dueAt: item.dueAt.toISOString(),
      status: item.status,
      escalateTo: job.headers['escalateTo'] ?? null,
    });
  }

  private async scheduleFollowUp(job: WorkflowJob, em: EntityManager): Promise<void> {
    const repo = new RectificationRepository(em);
    const item = await repo.lock(await rectificationIdOf(em, job));
    const delay = String(job.variables['followUpDelay']);
    const now = this.clock.now();
    item.followUpAt = addIsoDuration(now, delay);
    await repo.save(item);
    await repo.record(item, now, SYSTEM, 'follow_up_scheduled', null, {
      delay,
      followUpAt: item.followUpAt.toISOString(),
    });
  }
}

/** The item a flow is started for: read once, by `register`, which checks it may link it. */
function idOf(job: WorkflowJob): string {
  const id = job.variables['rectificationId'];
  if (typeof id !== 'string') throw new Error(`Job ${job.id} has no rectificationId variable`);
  return id;
}
