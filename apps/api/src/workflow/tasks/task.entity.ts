import type { Variables } from '@orglife/engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TaskStatus = 'open' | 'completed' | 'cancelled';
export type TaskDelegation = 'pending' | 'resolved';
export type TaskOutcomeVote = 'approved' | 'rejected';
/**
 * 前加签 / 后加签: `before` the added person holds it and hands it back; `after` the approver
 * holds it and their decision waits; `after_acting` the added person acts on that decision.
 */
export type TaskAddedStep = 'before' | 'after' | 'after_acting';

/** A user task. Assignee and candidate users are person ids; groups are `<role>@<orgUnitId>`. */
@Entity('wf_task')
export class WorkflowTask {
  /** The engine's task id (derived from the instance id, so globally unique). */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId: string;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId: string;

  @Column({ name: 'element_id', type: 'varchar', length: 200 })
  elementId: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name: string | null;

  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  assignee: string | null;

  @Column({ name: 'candidate_users', type: 'text', array: true })
  candidateUsers: string[];

  @Column({ name: 'candidate_groups', type: 'text', array: true })
  candidateGroups: string[];

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'follow_up_at', type: 'timestamptz', nullable: true })
  followUpAt: Date | null;

  @Column({ name: 'form_key', type: 'varchar', length: 300, nullable: true })
  formKey: string | null;

  @Column({ type: 'int' })
  priority: number;

  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  @Column({ type: 'jsonb' })
  variables: Variables;

  @Column({ type: 'varchar', length: 16 })
  status: TaskStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'varchar', length: 64, nullable: true })
  completedBy: string | null;

  /** 委派: the person who delegated the task and finishes it once it comes back. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  owner: string | null;

  /** 委派: `pending` while the delegate holds it, `resolved` once handed back to the owner. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  delegation: TaskDelegation | null;

  /** 催办: when the task was last urged. */
  @Column({ name: 'urged_at', type: 'timestamptz', nullable: true })
  urgedAt: Date | null;
  /** 代理: the person whose stand-in the assignee is for this task ("代 X 办理"), else null. */
  @Column({ name: 'on_behalf_of', type: 'uuid', nullable: true })
  onBehalfOf: string | null;

  /** A task of a multi-instance step (会签, 或签, 票签): the engine's body, i.e. its round. */
  @Column({ name: 'mi_body_id', type: 'varchar', length: 200, nullable: true })
  miBodyId: string | null;

  /** The vote cast on a vote task when it was completed. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: TaskOutcomeVote | null;

  /** 前加签 / 后加签: the sub-step holding the task now (see `wf_task_added_approver`). */
  @Column({ name: 'added_step', type: 'varchar', length: 16, nullable: true })
  addedStep: TaskAddedStep | null;
}
