import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to which instance or task, written in the command's own transaction. */
@Entity('wf_audit')
export class WorkflowAuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** A person id, or `system` for the job executor and startup deployment. */
  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'task_id', type: 'varchar', length: 200, nullable: true })
  taskId: string | null;

  @Column({ type: 'jsonb' })
  detail: Record<string, unknown>;
}
