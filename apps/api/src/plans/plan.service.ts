import { Inject, Injectable } from '@nestjs/common';
import { NotFound, Conflict } from '../common/errors.js';
import { assertDates, monthInWords, monthNotOver } from '../common/date-rules.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, Not } from 'typeorm';
import { bilingual } from '../common/locale.js';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { WorkflowRuntimeService } from '../workflow/instances/workflow-runtime.service.js';
import { BranchDirectory, type BranchContext } from './branch.directory.js';
import { BranchVisibility } from './branch-visibility.service.js';
import { PlanReview } from './plan-review.entity.js';
import { MonthlyPlan } from './plan.entity.js';
import type { PlanStatus } from './plan.vocabulary.js';
import { WeakBranch } from './weak-branch.entity.js';
import { Transactions } from '../database/transactions.js';
import { holdBackInsert } from '../database/unit-of-work.js';
import { newRowId } from '../database/row-id.js';

export const PLAN_PROCESS_ID = 'monthly-plan';

const PLAN_STATUS_WORDS: Record<PlanStatus, string> = {
  pending: '待起草',
  submitted: '待审批',
  returned: '已退回',
  approved: '已通过',
  cancelled: '已取消',
};

/** Who may start a branch's plan flow by hand. */
const PLAN_STARTERS: RoleName[] = ['od_admin', ...COMMITTEE_ROLES, 'branch_secretary'];

export interface PlanView extends MonthlyPlan {
  reviews: PlanReview[];
  weakBranch: boolean;
}

/** Branch plans: starting their flows, reading them within the caller's subtree, marking weak branches. */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly branches: BranchDirectory,
    private readonly runtime: WorkflowRuntimeService,
    private readonly visibility: BranchVisibility,
  ) {}

  /**
   * Creates the branch's pending plan and starts its `monthly-plan` flow in `em`'s transaction.
   * The flow's variables carry everything the model's expressions use. The plan row is written
   * with the transaction's other held-back writes, its instance id chosen beforehand.
   */
  async startPlan(
    em: EntityManager,
    input: {
      branch: BranchContext;
      month: string;
      studyContentId: string | null;
      startedBy: string | null;
    },
  ): Promise<MonthlyPlan> {
    const { branch } = input;
    const now = this.clock.now();
    const plan = em.create(MonthlyPlan, {
      id: newRowId(),
      branchId: branch.branchId,
      committeeId: branch.committeeId,
      month: input.month,
      studyContentId: input.studyContentId,
      instanceId: newRowId(),
      status: 'pending',
      topic: null,
      plannedAt: null,
      place: null,
      meetingTypes: [],
      segments: [],
      activity: null,
      revision: 0,
      approvedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await holdBackInsert(em, MonthlyPlan, plan);
    await this.runtime.startProcess(em, {
      processId: PLAN_PROCESS_ID,
      instanceId: plan.instanceId!,
      orgUnitId: branch.branchId,
      businessKey: `plan:${plan.id}`,
      startedBy: input.startedBy,
      variables: {
        planId: plan.id,
        branchId: branch.branchId,
        committeeId: branch.committeeId,
        universityId: branch.universityId,
        directBranch: branch.direct,
        weakBranch: branch.weak,
        month: input.month,
        studyContentId: input.studyContentId,
      },
    });
    return plan;
  }

  async startByHand(user: AuthUser, branchId: string, month: string): Promise<MonthlyPlan> {
    await this.access.assertRole(user, branchId, PLAN_STARTERS);
    assertDates(monthNotOver('month', month, this.clock.now()));
    return this.transactions.run(async (em) => {
      const existing = await this.planOfMonth(em, branchId, month);
      if (existing) throw await this.duplicate(em, existing);
      return this.startPlan(em, {
        branch: await this.branches.context(em, branchId),
        month,
        studyContentId: null,
        startedBy: user.personId,
      });
    });
  }

  /** The branch's plan of `month` still in force (one per branch and month), if any. */
  planOfMonth(em: EntityManager, branchId: string, month: string): Promise<MonthlyPlan | null> {
    return em.findOneBy(MonthlyPlan, { branchId, month, status: Not('cancelled') });
  }

  /** Which of `branchIds` have their plan of `month` in force already, in one read. */
  async branchesPlanned(
    em: EntityManager,
    branchIds: string[],
    month: string,
  ): Promise<Set<string>> {
    const rows = await em.query<{ branchId: string }[]>(
      `SELECT branch_id AS "branchId" FROM monthly_plan
        WHERE branch_id = ANY ($1::uuid[]) AND month = $2 AND status <> 'cancelled'`,
      [branchIds, month],
    );
    return new Set(rows.map((row) => row.branchId));
  }

  private async duplicate(em: EntityManager, plan: MonthlyPlan): Promise<Conflict> {
    const [unit] = await em.query<{ name: string }[]>(`SELECT name FROM org_unit WHERE id = $1`, [
      plan.branchId,
    ]);
    const [zhMonth, enMonth] = monthInWords(plan.month);
    const name = unit?.name ?? plan.branchId;
    return new Conflict(
      bilingual(
        `${name}${zhMonth}已有月度计划（${PLAN_STATUS_WORDS[plan.status]}），不能重复创建`,
        `${name} already has its plan for ${enMonth} (${plan.status})`,
      ),
      { existingPlanId: plan.id },
    );
  }

  async list(
    user: AuthUser,
    query: { month?: string; orgUnitId?: string },
  ): Promise<MonthlyPlan[]> {
    const branchIds = await this.visibility.branchIds(user);
    if (branchIds.length === 0) return [];
    const scope = query.orgUnitId ? `${await this.access.pathOf(query.orgUnitId)}%` : null;
    const qb = this.db
      .getRepository(MonthlyPlan)
      .createQueryBuilder('p')
      .innerJoin('org_unit', 'u', 'u.id = p.branch_id')
      .where('p.branch_id IN (:...branchIds)', { branchIds })
      .orderBy('p.month', 'DESC')
      .addOrderBy('u.path', 'ASC');
    if (query.month) qb.andWhere('p.month = :month', { month: query.month });
    if (scope) qb.andWhere('u.path LIKE :scope', { scope });
    return qb.getMany();
  }

  async get(user: AuthUser, id: string): Promise<PlanView> {
    const em = this.db.manager;
    const plan = await em.findOneBy(MonthlyPlan, { id });
    if (!plan) throw new NotFound(`Plan ${id} does not exist (计划不存在).`);
    await this.visibility.assertVisible(user, plan.branchId);
    const reviews = await em.find(PlanReview, {
      where: { planId: id },
      order: { createdAt: 'ASC' },
    });
    const weakBranch = (await em.countBy(WeakBranch, { branchId: plan.branchId })) > 0;
    return { ...plan, reviews, weakBranch };
  }

  /** Committees (and OD) mark a branch weak: its next plans need the second approval level. */
  async markWeak(user: AuthUser, branchId: string, weak: boolean, note?: string): Promise<void> {
    await this.access.assertRole(user, branchId, ['od_admin', ...COMMITTEE_ROLES]);
    await this.branches.context(this.db.manager, branchId);
    if (!weak) {
      await this.db.getRepository(WeakBranch).delete({ branchId });
      return;
    }
    await this.db.getRepository(WeakBranch).save({
      branchId,
      note: note ?? null,
      markedBy: user.personId,
      markedAt: this.clock.now(),
    });
  }
}
