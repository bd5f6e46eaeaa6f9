import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import { COMMITTEE_ROLES, ORG_ADMIN_ROLES, type RoleName } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { Transactions } from '../../database/transactions.js';
import { StandInLookup } from '../stand-ins/stand-in.lookup.js';
import { WorkflowTaskAddedApprover } from './task-added-approver.entity.js';
import { WorkflowTaskCopy } from './task-copy.entity.js';
import type { WorkflowTask } from './task.entity.js';

/** Roles that may hand a task of their subtree to someone else. */
const TASK_MANAGER_ROLES: RoleName[] = ['od_admin', ...COMMITTEE_ROLES];

/** What the user may do with one task. */
export interface TaskRights {
  /**
   * A candidate user, or holds a candidate group, in person or as the stand-in (代理) of someone
   * who does. Candidates never change after creation.
   */
  candidate: boolean;
  /** When the user is a candidate only as someone's stand-in: that person. */
  onBehalfOf: string | null;
  /** OD or committee leadership over the task's org unit: may reassign and unclaim. */
  manager: boolean;
  /** May read the task and its comments. */
  viewer: boolean;
}

/** What the user may do with one task now; the task page shows its buttons from this. */
export interface TaskActions {
  claim: boolean;
  unclaim: boolean;
  /** Hand it to someone else (转办). */
  delegate: boolean;
  /** Have someone else act on it; it comes back to me to finish (委派). */
  entrust: boolean;
  /** Hand a delegated task back to its owner (委派 done). */
  resolve: boolean;
  /** Urge its holder (催办): leadership over its unit. */
  urge: boolean;
  complete: boolean;
  /** 前加签 / 后加签: add a person before or after me on this single-assignee task. */
  addSequential: boolean;
  /** Give my opinion as the added approver (加签意见). */
  actAsAdded: boolean;
}

/** The commands open to `user` on `task`, given their rights on it. */
export function taskActions(user: AuthUser, task: WorkflowTask, rights: TaskRights): TaskActions {
  const open = task.status === 'open';
  const assignedToMe = task.assignee === user.personId;
  const delegated = task.delegation === 'pending';
  const added = task.addedStep !== null && task.addedStep !== undefined;
  const addedHolds = task.addedStep === 'before' || task.addedStep === 'after_acting';
  return {
    claim: open && !task.assignee && rights.candidate,
    unclaim: open && !!task.assignee && !delegated && !added && (assignedToMe || rights.manager),
    delegate: open && !delegated && !added && (assignedToMe || rights.manager),
    entrust: open && assignedToMe && !delegated && !added,
    resolve: open && assignedToMe && delegated,
    urge: open && rights.manager,
    complete:
      open && !delegated && !addedHolds && (task.assignee ? assignedToMe : rights.candidate),
    addSequential: open && assignedToMe && !delegated && !added && !task.miBodyId,
    actAsAdded: open && assignedToMe && addedHolds,
  };
}

@Injectable()
export class TaskAccessPolicy {
  constructor(
    private readonly access: AccessService,
    private readonly tx: Transactions,
    private readonly standIns: StandInLookup,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async rightsOn(user: AuthUser, task: WorkflowTask): Promise<TaskRights> {
    const inPerson = await this.isCandidate(user, task);
    const onBehalfOf = inPerson ? null : await this.candidateStoodInFor(user, task);
    const candidate = inPerson || onBehalfOf !== null;
    const manager = await this.holds(user, task, TASK_MANAGER_ROLES);
    const involved =
      candidate ||
      task.assignee === user.personId ||
      task.owner === user.personId ||
      task.completedBy === user.personId ||
      (await this.waitsOnAdded(user, task));
    const viewer =
      involved ||
      manager ||
      (await this.holds(user, task, ORG_ADMIN_ROLES)) ||
      (await this.copiedTo(user, task));
    return { candidate, onBehalfOf, manager, viewer };
  }

  /** 前加签 / 后加签: the approver who added someone keeps sight of the task while they hold it. */
  private async waitsOnAdded(user: AuthUser, task: WorkflowTask): Promise<boolean> {
    if (!task.addedStep) return false;
    return this.tx
      .reader()
      .existsBy(WorkflowTaskAddedApprover, { taskId: task.id, addedBy: user.personId });
  }

  /** 抄送: a person the step was copied to reads it. */
  private async copiedTo(user: AuthUser, task: WorkflowTask): Promise<boolean> {
    if (task.status !== 'completed') return false;
    return this.tx
      .reader()
      .existsBy(WorkflowTaskCopy, { taskId: task.id, personId: user.personId });
  }

  /** The person, among those the user stands in for now, who is a candidate of the open task. */
  private async candidateStoodInFor(user: AuthUser, task: WorkflowTask): Promise<string | null> {
    if (task.status !== 'open') return null;
    const principals = await this.standIns.principalsOf(
      this.tx.reader(),
      user.personId,
      this.clock.now(),
    );
    for (const principal of principals) {
      const as = { personId: principal.personId, username: '', roles: principal.roles };
      if (await this.isCandidate(as, task)) return principal.personId;
    }
    return null;
  }

  private async isCandidate(user: AuthUser, task: WorkflowTask): Promise<boolean> {
    if (task.candidateUsers.includes(user.personId)) return true;
    for (const group of task.candidateGroups) {
      if (await this.access.userHoldsGroup(user, group)) return true;
    }
    return false;
  }

  private async holds(user: AuthUser, task: WorkflowTask, roles: RoleName[]): Promise<boolean> {
    if (!task.orgUnitId || !user.roles.some((r) => roles.includes(r.role))) return false;
    try {
      return await this.access.hasRole(user, task.orgUnitId, roles);
    } catch (error) {
      if (error instanceof NotFound) return false;
      throw error;
    }
  }
}
