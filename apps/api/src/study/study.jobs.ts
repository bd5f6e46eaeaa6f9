import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BranchDirectory } from '../plans/branch.directory.js';
import { PlanService } from '../plans/plan.service.js';
import { optionalStringVar, stringVar } from '../task-forms/variable.reader.js';
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
      committeeIds: await this.branches.committeesWithBranches(em, universityOf(job)),
    }));
    this.jobs.register('orglife.study.startBranchPlans', async (job, em) => {
      // A committee's branches start as soon as that committee has arranged the month; an
      // instance begun under the earlier flow (no committeeId) starts every branch at once.
      const unitId = optionalStringVar(job.variables, 'committeeId') ?? universityOf(job);
      return this.startPlans(job, em, await this.branches.branchesUnder(em, unitId));
    });
    this.jobs.register('orglife.study.startDirectBranchPlans', async (job, em) =>
      this.startPlans(job, em, await this.branches.directBranches(em, universityOf(job))),
    );
  }

  /** Starts one `monthly-plan` flow per branch (once per branch and content). */
  private async startPlans(job: WorkflowJob, em: EntityManager, branchIds: string[]) {
    const studyContentId = stringVar(job.variables, 'studyContentId');
    const month = stringVar(job.variables, 'month');
    let started = 0;
    for (const branchId of branchIds) {
      if (await this.plans.planOfMonth(em, branchId, month)) continue;
      await this.plans.startPlan(em, { branchId, month, studyContentId, startedBy: null });
      started += 1;
    }
    return { plansStarted: started };
  }
}

const universityOf = (job: WorkflowJob): string => stringVar(job.variables, 'universityId');
