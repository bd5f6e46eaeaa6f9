import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock/clock.js';
import { stringVar } from '../task-forms/variable.reader.js';
import { In } from 'typeorm';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import { InstanceEndHooks } from '../workflow/instances/instance-end.hooks.js';
import { MonthlyPlan } from './plan.entity.js';

/** Service tasks of the `monthly-plan` flow. */
@Injectable()
export class PlanJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlerRegistry,
    private readonly endHooks: InstanceEndHooks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // A plan not yet approved dies with its flow; an approved one stays (its session is history).
    this.endHooks.onTerminated(async (em, instanceId) => {
      await em.update(
        MonthlyPlan,
        { instanceId, status: In(['pending', 'submitted', 'returned']) },
        { status: 'cancelled' },
      );
    });
    // The model decides how many levels approve; reaching this task means the last one did.
    this.jobs.register('orglife.plan.approved', async (job, em) => {
      const planId = stringVar(job.variables, 'planId');
      await em.update(
        MonthlyPlan,
        { id: planId },
        { status: 'approved', approvedAt: this.clock.now() },
      );
    });
  }
}
