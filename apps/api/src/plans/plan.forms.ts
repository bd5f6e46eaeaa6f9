import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Conflict } from '../common/errors.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { ahead, assertDates, withinMonth } from '../common/date-rules.js';
import { StudyArrangement } from '../study/study-arrangement.entity.js';
import { StudyContent } from '../study/study-content.entity.js';
import { fieldError } from '../task-forms/field-error.js';
import { linkedRecord } from '../task-forms/linked-record.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { assertMembers, BranchDirectory } from './branch.directory.js';
import { PlanReview } from './plan-review.entity.js';
import { MonthlyPlan } from './plan.entity.js';
import { PlanDraftDto, PlanReviewDto } from './plan.dto.js';
import { PlanApprovalContextResponse, PlanDraftContextResponse } from './plan.response.js';
import { MEETING_TYPES, type MeetingType } from './plan.vocabulary.js';

/** Forms `orglife:plan-draft` and `orglife:plan-approval`: their rows commit with the task. */
@Injectable()
export class PlanForms implements OnModuleInit {
  constructor(
    private readonly registry: TaskFormRegistry,
    private readonly branches: BranchDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      formKey: 'orglife:plan-draft',
      payload: PlanDraftDto,
      contextType: PlanDraftContextResponse,
      submit: (em, user, task, dto) => this.draft(em, user.personId, task, dto),
      context: (em, _user, task) => this.draftContext(em, task),
    });
    this.registry.register({
      formKey: 'orglife:plan-approval',
      payload: PlanReviewDto,
      contextType: PlanApprovalContextResponse,
      submit: async (em, user, task, dto) => this.review(em, user.personId, task, dto),
      context: async (em, _user, task): Promise<PlanApprovalContextResponse> => {
        const plan = await planOfTask(em, task);
        const reviews = await em.find(PlanReview, {
          where: { planId: plan.id },
          order: { createdAt: 'ASC' },
        });
        return {
          plan,
          reviews,
          level: levelOf(task),
          members: await this.branches.members(em, plan.branchId),
        };
      },
    });
  }

  private async draftContext(
    em: EntityManager,
    task: WorkflowTask,
  ): Promise<PlanDraftContextResponse> {
    const plan = await planOfTask(em, task);
    const reviews = await em.find(PlanReview, {
      where: { planId: plan.id },
      order: { createdAt: 'ASC' },
    });
    const content = plan.studyContentId
      ? await em.findOneBy(StudyContent, { id: plan.studyContentId })
      : null;
    const arrangement = plan.studyContentId
      ? await em.findOneBy(StudyArrangement, {
          studyContentId: plan.studyContentId,
          committeeId: plan.committeeId,
        })
      : null;
    return {
      plan,
      reviews,
      studyContent: content,
      arrangement,
      members: await this.branches.members(em, plan.branchId),
      meetingTypes: offeredMeetingTypes(await this.branches.hasGroups(em, plan.branchId)),
    };
  }

  private async draft(em: EntityManager, drafterId: string, task: WorkflowTask, dto: PlanDraftDto) {
    const plan = await planOfTask(em, task);
    const members = await this.branches.members(em, plan.branchId);
    await assertMembers(
      em,
      members,
      dto.segments.map((s, i) => ({ field: `segments.${i}.ownerId`, personId: s.ownerId })),
    );
    if (
      dto.meetingTypes.includes('group_meeting') &&
      !(await this.branches.hasGroups(em, plan.branchId))
    ) {
      throw fieldError(
        'meetingTypes',
        '本支部未设党小组，党小组会的内容在党员大会中完成，请选择党员大会 (the branch has no 党小组: plan its work in the 党员大会)',
      );
    }
    const plannedAt = new Date(dto.plannedAt);
    assertDates(
      withinMonth('plannedAt', plannedAt, plan.month) ??
        ahead('plannedAt', plannedAt, this.clock.now()),
    );
    const revision = plan.revision + 1;
    await em.update(
      MonthlyPlan,
      { id: plan.id },
      {
        status: 'submitted',
        topic: dto.topic,
        plannedAt,
        place: dto.place,
        meetingTypes: dto.meetingTypes,
        segments: dto.segments.map((s) => ({ key: s.key, ownerId: s.ownerId, content: s.content })),
        activity: dto.activity
          ? { kind: dto.activity.kind, description: dto.activity.description }
          : null,
        revision,
      },
    );
    return {
      sessionAt: plannedAt.toISOString(),
      planRevision: revision,
      // a returned plan goes back to the person who submitted it (Task_DraftPlan's assignee)
      drafter: drafterId,
      // the resubmitted plan is no longer a returned one (the inbox flags tasks made by a return)
      approvalDecision: null,
      approvalComment: null,
    };
  }

  private async review(
    em: EntityManager,
    reviewerId: string,
    task: WorkflowTask,
    dto: PlanReviewDto,
  ) {
    const plan = await planOfTask(em, task);
    if (plan.status !== 'submitted') {
      throw new Conflict(
        `Plan ${plan.id} is ${plan.status}, not awaiting review (计划不在审批中).`,
      );
    }
    await em.insert(PlanReview, {
      planId: plan.id,
      level: levelOf(task),
      decision: dto.decision,
      comment: dto.comment ?? null,
      revision: plan.revision,
      reviewerId,
    });
    if (dto.decision === 'return')
      await em.update(MonthlyPlan, { id: plan.id }, { status: 'returned' });
    return { approvalDecision: dto.decision, approvalComment: dto.comment ?? null };
  }
}

/** The plan behind a task of the `monthly-plan` flow: the plan that flow was started for. */
export async function planOfTask(em: EntityManager, task: WorkflowTask): Promise<MonthlyPlan> {
  const plan = await linkedRecord(em, MonthlyPlan, task);
  if (!plan) throw new Conflict(`Task ${task.id} is not linked to a plan (任务未关联计划).`);
  return plan;
}

/** The approval level from the task's `level` header (set in the model), 1 by default. */
function levelOf(task: WorkflowTask): number {
  return task.headers['level'] === '2' ? 2 : 1;
}

/** The 三会一课 meetings a plan may hold: a branch without 党小组 is not offered 党小组会. */
function offeredMeetingTypes(hasGroups: boolean): MeetingType[] {
  return MEETING_TYPES.filter((type) => hasGroups || type !== 'group_meeting');
}
