import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock/clock.js';
import { stringVar } from '../task-forms/variable.reader.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import { MonthlyPlan } from './plan.entity.js';

/** Service tasks of the `monthly-plan` flow. */
@Injectable()
export class PlanJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
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
