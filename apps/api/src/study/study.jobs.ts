import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BranchDirectory } from '../plans/branch.directory.js';
import { PlanService } from '../plans/plan.service.js';
import { optionalStringVar, stringVar } from '../task-forms/variable.reader.js';
import { requireLinked } from '../task-forms/linked-record.js';
import { StudyContent } from './study-content.entity.js';
import { TransactionMemo } from '../database/transaction-memo.js';
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
    this.jobs.register('orglife.study.listCommittees', async (job, em) => {
      const { universityId } = await contentOf(em, job);
      return {
        committeeIds: await this.branches.committeesWithBranches(em, universityId),
        directBranchIds: await this.branches.directBranches(em, universityId),
      };
    });
    this.jobs.register('orglife.study.listCommitteeBranches', async (job, em) => {
      const content = await contentOf(em, job);
      const committeeId = await this.committeeOf(
        em,
        content,
        stringVar(job.variables, 'committeeId'),
      );
      return { branchIds: await this.branches.branchesUnder(em, committeeId) };
    });
    // One branch per job, so each plan starts in a transaction of its own: on the first day
    // of the month every branch of a province starts at once, and no claim holds thousands.
    this.jobs.register('orglife.study.startBranchPlan', async (job, em) => {
      const content = await contentOf(em, job);
      const branchId = stringVar(job.variables, 'branchId');
      const branch = await this.branches.context(em, branchId);
      if (branch.universityId !== content.universityId) {
        throw new Error(`Org unit ${branchId} is no branch of this study content's university`);
      }
      if (!(await this.plans.planOfMonth(em, branchId, content.month))) {
        await this.plans.startPlan(em, {
          branch,
          month: content.month,
          studyContentId: content.id,
          startedBy: null,
        });
      }
      return {};
    });
    this.registerEarlierVersionsJobs();
  }

  /**
   * Service tasks of study-content versions before the one-branch-per-job model, for their
   * instances still running (a committee arranging the month when the new version arrives):
   * each starts every plan of its unit in one job.
   */
  private registerEarlierVersionsJobs(): void {
    this.jobs.register('orglife.study.startBranchPlans', async (job, em) => {
      // The committee is the multi-instance item; an instance of the first version (no
      // committeeId) starts every branch of the university at once.
      const content = await contentOf(em, job);
      const committeeId = optionalStringVar(job.variables, 'committeeId');
      const unitId = committeeId
        ? await this.committeeOf(em, content, committeeId)
        : content.universityId;
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

  /** `committeeId` when it is a committee with branches of the content's university. */
  private async committeeOf(
    em: EntityManager,
    content: StudyContent,
    committeeId: string,
  ): Promise<string> {
    const committees = await this.branches.committeesWithBranches(em, content.universityId);
    if (!committees.includes(committeeId)) {
      throw new Error(`Org unit ${committeeId} is no committee of this study content's university`);
    }
    return committeeId;
  }

  /** Starts one `monthly-plan` flow per branch (once per branch and month). */
  private async startPlans(em: EntityManager, content: StudyContent, branchIds: string[]) {
    const { id: studyContentId, month } = content;
    let started = 0;
    for (const branchId of branchIds) {
      if (await this.plans.planOfMonth(em, branchId, month)) continue;
      const branch = await this.branches.context(em, branchId);
      await this.plans.startPlan(em, { branch, month, studyContentId, startedBy: null });
      started += 1;
    }
    return { plansStarted: started };
  }
}

const contentRead = new TransactionMemo<StudyContent>();

/**
 * The study content of the flow a job runs in: the one linked to it, never `studyContentId`;
 * read once per job group for each instance (a group holds many branches' jobs of one flow).
 */
const contentOf = (em: EntityManager, job: WorkflowJob): Promise<StudyContent> =>
  contentRead.get(em, job.instanceId ?? job.id, () =>
    requireLinked(em, StudyContent, job, ['学习内容', 'a study content']),
  );
