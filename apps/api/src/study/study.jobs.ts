import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BranchDirectory, type BranchContext } from '../plans/branch.directory.js';
import { isUuid } from '../workflow/instances/org-unit-of.js';
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
    this.jobs.register(
      'orglife.study.listCommitteeBranches',
      async (job, em) => {
        const content = await contentOf(em, job);
        const committeeId = await this.committeeOf(
          em,
          content,
          stringVar(job.variables, 'committeeId'),
        );
        return { branchIds: await this.branches.branchesUnder(em, committeeId) };
      },
      { variables: ['committeeId'] },
    );
    // One branch per job, so each plan starts in a transaction of its own: on the first day
    // of the month every branch of a province starts at once, and no claim holds thousands.
    this.jobs.register(
      'orglife.study.startBranchPlan',
      async (job, em) => {
        const content = await contentOf(em, job);
        const branchId = stringVar(job.variables, 'branchId');
        const facts = await planStarts.get(em, `${branchId} ${content.month}`, async () => ({
          branch: await this.branches.context(em, branchId),
          planned: !!(await this.plans.planOfMonth(em, branchId, content.month)),
        }));
        const branch = facts.branch ?? (await this.branches.context(em, branchId));
        if (branch.universityId !== content.universityId) {
          throw new Error(`Org unit ${branchId} is no branch of this study content's university`);
        }
        if (!facts.planned) {
          await this.plans.startPlan(em, {
            branch,
            month: content.month,
            studyContentId: content.id,
            startedBy: null,
          });
          facts.planned = true;
        }
        return {};
      },
      { prefetch: (jobs, em) => this.prefetchPlanStarts(jobs, em), variables: ['branchId'] },
    );
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

  /** The group's branches and whether each has its plan of the month, in two reads. */
  private async prefetchPlanStarts(jobs: WorkflowJob[], em: EntityManager): Promise<void> {
    const branchesOfMonth = new Map<string, string[]>();
    for (const job of jobs) {
      const branchId = optionalStringVar(job.variables, 'branchId');
      if (!branchId || !isUuid(branchId)) continue;
      const { month } = await contentOf(em, job);
      branchesOfMonth.set(month, [...(branchesOfMonth.get(month) ?? []), branchId]);
    }
    for (const [month, branchIds] of branchesOfMonth) {
      const contexts = await this.branches.contexts(em, branchIds);
      const planned = await this.plans.branchesPlanned(em, branchIds, month);
      for (const branchId of branchIds) {
        planStarts.put(em, `${branchId} ${month}`, {
          branch: contexts.get(branchId) ?? null,
          planned: planned.has(branchId),
        });
      }
    }
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
 * A branch's context and whether its plan of the month is in force, per branch and month in a
 * transaction: read for a whole job group at once, and marked planned once its plan starts.
 * `branch` is null for an id that is no branch (its job reads it alone, to name the problem).
 */
const planStarts = new TransactionMemo<{ branch: BranchContext | null; planned: boolean }>();

/**
 * The study content of the flow a job runs in: the one linked to it, never `studyContentId`;
 * read once per job group for each instance (a group holds many branches' jobs of one flow).
 */
const contentOf = (em: EntityManager, job: WorkflowJob): Promise<StudyContent> =>
  contentRead.get(em, job.instanceId ?? job.id, () =>
    requireLinked(em, StudyContent, job, ['学习内容', 'a study content']),
  );
