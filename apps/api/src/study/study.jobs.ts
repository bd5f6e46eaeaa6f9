import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BranchDirectory } from '../plans/branch.directory.js';
import { PlanService } from '../plans/plan.service.js';
import { stringVar } from '../task-forms/variable.reader.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';

/** Service tasks of the `study-content` flow. */
@Injectable()
export class StudyJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlerRegistry,
    private readonly branches: BranchDirectory,
    private readonly plans: PlanService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('orglife.study.listCommittees', async (job, em) => ({
      committeeIds: await this.branches.committeesWithBranches(
        em,
        stringVar(job.variables, 'universityId'),
      ),
    }));
    this.jobs.register('orglife.study.startBranchPlans', (job, em) =>
      this.startBranchPlans(job, em),
    );
  }

  /** Starts one `monthly-plan` flow per branch of the university (once per branch and content). */
  private async startBranchPlans(job: WorkflowJob, em: EntityManager) {
    const studyContentId = stringVar(job.variables, 'studyContentId');
    const month = stringVar(job.variables, 'month');
    const branchIds = await this.branches.branchesUnder(
      em,
      stringVar(job.variables, 'universityId'),
    );
    let started = 0;
    for (const branchId of branchIds) {
      if (await this.plans.planOfMonth(em, branchId, month)) continue;
      await this.plans.startPlan(em, { branchId, month, studyContentId, startedBy: null });
      started += 1;
    }
    return { plansStarted: started };
  }
}
