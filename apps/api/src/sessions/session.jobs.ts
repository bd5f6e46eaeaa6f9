import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { BranchDirectory } from '../plans/branch.directory.js';
import { MonthlyPlan } from '../plans/plan.entity.js';
import { requireLinked } from '../task-forms/linked-record.js';
import { InstanceEndHooks } from '../workflow/instances/instance-end.hooks.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { OrgSession } from './session.entity.js';

/** Service tasks of the `session` flow. */
const SESSION = ['组织生活', 'a session'] as const;

@Injectable()
export class SessionJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlerRegistry,
    private readonly branches: BranchDirectory,
    private readonly endHooks: InstanceEndHooks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // A session whose flow is cancelled: one not yet held is cancelled with it; one already
    // recorded keeps its record (it happened) and is closed, so nothing waits on a dead flow.
    this.endHooks.onTerminated(async (em, instanceId, at) => {
      await em.update(OrgSession, { instanceId, status: 'scheduled' }, { status: 'cancelled' });
      await em.update(
        OrgSession,
        { instanceId, status: In(['recorded', 'summarized']) },
        { status: 'closed', closedAt: at },
      );
    });
    this.jobs.register('orglife.session.schedule', (job, em) => this.schedule(job, em));
    this.jobs.register('orglife.session.summaryOverdue', async (job, em) => {
      await em.update(
        OrgSession,
        { id: (await requireLinked(em, OrgSession, job, SESSION)).id },
        { summaryOverdueAt: this.clock.now() },
      );
    });
    this.jobs.register('orglife.session.close', async (job, em) => {
      await em.update(
        OrgSession,
        { id: (await requireLinked(em, OrgSession, job, SESSION)).id },
        { status: 'closed', closedAt: this.clock.now() },
      );
    });
  }

  /** Creates the session from the approved plan; its members confirm self-study and review later. */
  private async schedule(job: WorkflowJob, em: EntityManager) {
    const plan = await requireLinked(em, MonthlyPlan, job, ['计划', 'a plan']);
    const planId = plan.id;
    if (!plan.plannedAt)
      throw new Error(`Plan ${planId} has no date; it cannot schedule a session`);
    const existing = await em.findOneBy(OrgSession, { planId });
    const session =
      existing ??
      (await em.save(
        em.create(OrgSession, {
          planId,
          branchId: plan.branchId,
          committeeId: plan.committeeId,
          month: plan.month,
          scheduledAt: plan.plannedAt,
          place: plan.place,
          meetingTypes: plan.meetingTypes,
          activity: plan.activity,
          status: 'scheduled',
          instanceId: job.instanceId,
        }),
      ));
    const members = await this.branches.members(em, plan.branchId);
    return {
      sessionId: session.id,
      memberIds: members.map((m) => m.id),
      sessionAt: plan.plannedAt.toISOString(),
    };
  }
}
