import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BranchDirectory } from '../plans/branch.directory.js';
import { PlanService } from '../plans/plan.service.js';
import { optionalStringVar } from '../task-forms/variable.reader.js';
import { requireLinked } from '../task-forms/linked-record.js';
import { StudyContent } from './study-content.entity.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { InstanceEndHooks } from '../workflow/instances/instance-end.hooks.js';

/** Service tasks of the `study-content` flow. */
@Injectable()
export class StudyJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlerRegistry,
    private readonly branches: BranchDirectory,
    private readonly plans: PlanService,
    private readonly endHooks: InstanceEndHooks,
  ) {}

  onModuleInit(): void {
    // A draft dies with its flow and frees its month; published content stays (branches use it).
    this.endHooks.onTerminated(async (em, instanceId) => {
      await em.update(StudyContent, { instanceId, status: 'draft' }, { status: 'cancelled' });
    });
    this.jobs.register('orglife.study.listCommittees', async (job, em) => ({
      committeeIds: await this.branches.committeesWithBranches(
        em,
        (await contentOf(em, job)).universityId,
      ),
    }));
    this.jobs.register('orglife.study.startBranchPlans', async (job, em) => {
      // A committee's branches start as soon as that committee has arranged the month; an
      // instance begun under the earlier flow (no committeeId) starts every branch at once.
      // The committee is the multi-instance item: only one of the content's university.
      const content = await contentOf(em, job);
      const committeeId = optionalStringVar(job.variables, 'committeeId');
      if (
        committeeId &&
        !(await this.branches.committeesWithBranches(em, content.universityId)).includes(
          committeeId,
        )
      ) {
        throw new Error(
          `Org unit ${committeeId} is no committee of this study content's university`,
        );
      }
      const unitId = committeeId ?? content.universityId;
      return this.startPlans(em, content, await this.branches.branchesUnder(em, unitId));
    });
    this.jobs.register('orglife.study.startDirectBranchPlans', async (job, em) => {
      const content = await contentOf(em, job);
      return this.startPlans(
        em,
        content,
        await this.branches.directBranches(em, content.universityId),
      );
    });
  }

  /** Starts one `monthly-plan` flow per branch (once per branch and content). */
  private async startPlans(em: EntityManager, content: StudyContent, branchIds: string[]) {
    const { id: studyContentId, month } = content;
    let started = 0;
    for (const branchId of branchIds) {
      if (await this.plans.planOfMonth(em, branchId, month)) continue;
      await this.plans.startPlan(em, { branchId, month, studyContentId, startedBy: null });
      started += 1;
    }
    return { plansStarted: started };
  }
}

/** The study content of the flow a job runs in: the one linked to it, never `studyContentId`. */
const contentOf = (em: EntityManager, job: WorkflowJob): Promise<StudyContent> =>
  requireLinked(em, StudyContent, job, ['学习内容', 'a study content']);
