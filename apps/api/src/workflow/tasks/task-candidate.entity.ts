import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The claimable index: one row per open, unassigned task and each of its candidate users
 * (`user:<personId>`) and groups (`<role>@<orgUnitId>`). Rows leave on claim, complete or
 * cancel, and return on unclaim, so the inbox reads only what can be claimed.
 */
@Entity('wf_task_candidate')
export class WorkflowTaskCandidate {
  @PrimaryColumn({ name: 'task_id', type: 'varchar', length: 200 })
  taskId: string;

  @PrimaryColumn({ type: 'varchar', length: 300 })
  grantee: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'int' })
  priority: number;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId: string;

  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId: string | null;
}
