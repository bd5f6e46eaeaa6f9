import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { bilingual, localize } from '../common/locale.js';
import { Conflict, DomainError, Forbidden } from '../common/errors.js';
import { entityFromRow, columnsOf } from '../database/entity-rows.js';
import { TaskFormRegistry } from '../task-forms/task-form.registry.js';
import { PersonNames } from '../workflow/moves/person-names.js';
import { granteesOf } from '../workflow/tasks/task-candidate.index.js';
import { TaskAccessPolicy, taskActions } from '../workflow/tasks/task-access.policy.js';
import { auditTask, TaskCommandService } from '../workflow/tasks/task-command.service.js';
import { TaskCompletionHooks } from '../workflow/tasks/task-completion.hooks.js';
import { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { BranchDirectory } from './branch.directory.js';
import { monthBefore, type PlanField, planChanges } from './plan-changes.js';
import { planFacts, type PlanWarning, planWarnings } from './plan-checks.js';
import { MonthlyPlan } from './plan.entity.js';
import { planOfTask } from './plan.forms.js';
import { PlanService } from './plan.service.js';

const APPROVAL_FORM = 'orglife:plan-approval';

/** Who approves plans: OD (for 直属党支部) and committee leadership. */
const APPROVER_ROLES: RoleName[] = ['od_admin', ...COMMITTEE_ROLES];

/** At most this many plans are listed and approved in one batch. */
export const BATCH_LIMIT = 200;

/** One plan awaiting the caller's approval, against the branch's plan of the month before. */
export interface BatchCandidate {
  task: WorkflowTask;
  plan: MonthlyPlan;
  branchName: string;
  previous: MonthlyPlan | null;
  changes: PlanField[];
  warnings: PlanWarning[];
  /** Names of the people the two plans name (segment owners). */
  names: Map<string, string>;
}

export interface BatchResult {
  taskId: string;
  planId: string | null;
  approved: boolean;
  /** Why the plan was not approved, bilingual `中文 (English)`. */
  reason: string | null;
}

/**
 * 批量审批: a committee approves in one action the monthly plans awaiting its (first-level)
 * approval that pass every rule (`plan-checks.ts`). Each plan is completed in its own
 * transaction through the task's form, so its review row and the engine's step commit together;
 * a plan with any warning is refused and must be handled one by one.
 */
@Injectable()
export class PlanBatchApprovalService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly policy: TaskAccessPolicy,
    private readonly tasks: TaskCommandService,
    private readonly forms: TaskFormRegistry,
    private readonly hooks: TaskCompletionHooks,
    private readonly branches: BranchDirectory,
    private readonly plans: PlanService,
    private readonly names: PersonNames,
  ) {}

  onModuleInit(): void {
    this.hooks.onCompleting(async (ctx, _user, task, _variables, choices) => {
      if (choices.batch) auditTask(ctx, 'task.batch-approved', task, { decision: 'approve' });
    });
  }

  /** The caller's open plan approvals within their committee subtrees, oldest first. */
  async preview(user: AuthUser): Promise<BatchCandidate[]> {
    assertApprover(user);
    const em = this.db.manager;
    const out: BatchCandidate[] = [];
    for (const task of await this.openApprovals(user)) {
      const plan = await planOfTask(em, task);
      const previous = await this.plans.planOfMonth(em, plan.branchId, monthBefore(plan.month));
      const branch = await this.branches.context(em, plan.branchId);
      const owners = [plan, previous].flatMap((p) => p?.segments.map((s) => s.ownerId) ?? []);
      out.push({
        task,
        plan,
        branchName: branch.branchName,
        previous,
        changes: previous ? planChanges(plan, previous) : [],
        warnings: await this.warningsOf(em, task, plan),
        names: await this.names.of(owners),
      });
    }
    return out;
  }

  /**
   * Approves each task of `taskIds` in its own transaction, checking again that the caller may
   * complete it, that it is a first-level plan approval and that its plan passes every rule.
   */
  async approve(user: AuthUser, taskIds: string[]): Promise<BatchResult[]> {
    assertApprover(user);
    const results: BatchResult[] = [];
    for (const taskId of [...new Set(taskIds)]) {
      let planId: string | null = null;
      try {
        await this.tasks.complete(
          user,
          taskId,
          {},
          async (em, task) => {
            if (!isFirstLevelApproval(task)) {
              throw refusal(
                bilingual(
                  '该任务不是月度计划的二级党组织审批',
                  "the task is not a committee's approval of a monthly plan",
                ),
              );
            }
            const plan = await planOfTask(em, task);
            planId = plan.id;
            const warnings = await this.warningsOf(em, task, plan);
            if (warnings.length > 0) {
              const branch = await this.branches.context(em, plan.branchId);
              const zh = warnings.map((w) => localize(w.message, 'zh')).join('；');
              const en = warnings.map((w) => localize(w.message, 'en')).join('; ');
              throw refusal(
                bilingual(
                  `${branch.branchName}${plan.month}月度计划：${zh}，须逐一审批`,
                  `the ${plan.month} plan of ${branch.branchName}: ${en}; approve it on its own`,
                ),
              );
            }
            return this.forms.get(task).submit(em, user, task, { decision: 'approve' });
          },
          null,
          { formPayload: { decision: 'approve' }, batch: true },
        );
        results.push({ taskId, planId, approved: true, reason: null });
      } catch (error) {
        results.push({ taskId, planId, approved: false, reason: reasonOf(error) });
      }
    }
    return results;
  }

  /** The plan's rule warnings, and those of the task's state (加签, 委派 under way). */
  private async warningsOf(
    em: EntityManager,
    task: WorkflowTask,
    plan: MonthlyPlan,
  ): Promise<PlanWarning[]> {
    const warnings = planWarnings(plan, await planFacts(em, this.branches, plan), this.clock.now());
    if (task.addedStep || task.delegation === 'pending') {
      warnings.push({
        code: 'taskInProgress',
        message: bilingual(
          '该任务已加签或委派，请在任务页办理',
          'an approver was added or the task is delegated: act on it on its page',
        ),
      });
    }
    return warnings;
  }

  /**
   * Open first-level plan approvals the caller may complete now (assigned to them, or theirs to
   * claim), in the subtrees of their OD and committee roles.
   */
  private async openApprovals(user: AuthUser): Promise<WorkflowTask[]> {
    const patterns = await this.access.visiblePathPatterns(user, APPROVER_ROLES);
    if (patterns.length === 0) return [];
    const reader = this.db.manager;
    const rows = await reader.query<Record<string, unknown>[]>(
      `SELECT ${columnsOf(reader, WorkflowTask, 't')} FROM wf_task t
         JOIN org_unit u ON u.id = t.org_unit_id
        WHERE t.status = 'open' AND t.form_key = $1 AND u.path LIKE ANY($2)
          AND (t.assignee = $3 OR (t.assignee IS NULL AND EXISTS (
                SELECT 1 FROM wf_task_candidate c WHERE c.task_id = t.id AND c.grantee = ANY($4))))
        ORDER BY t.created_at, t.id LIMIT ${BATCH_LIMIT}`,
      [APPROVAL_FORM, patterns, user.personId, granteesOf(user)],
    );
    const out: WorkflowTask[] = [];
    for (const task of rows.map((row) => entityFromRow(reader, WorkflowTask, row))) {
      if (!isFirstLevelApproval(task)) continue;
      if (taskActions(user, task, await this.policy.rightsOn(user, task)).complete) out.push(task);
    }
    return out;
  }
}

/** 403 unless the user holds a role that approves plans (批量审批 is theirs). */
function assertApprover(user: AuthUser): void {
  if (user.roles.some((r) => APPROVER_ROLES.includes(r.role))) return;
  throw new Forbidden(
    bilingual(
      '批量审批仅限组织部和二级党组织的审批人',
      'batch approval is for OD and committee approvers',
    ),
  );
}

/** The committee's approval of a plan (level 1); the second level (OD's 复核) is not batched. */
function isFirstLevelApproval(task: WorkflowTask): boolean {
  return task.formKey === APPROVAL_FORM && task.headers['level'] !== '2';
}

function refusal(message: string): Conflict {
  return new Conflict(message);
}

/** Why a task's approval was refused: a domain refusal's message; anything else is not the caller's to read. */
function reasonOf(error: unknown): string {
  if (error instanceof DomainError) return error.message;
  return bilingual('审批未完成，请稍后重试', 'the approval did not go through; please retry');
}
