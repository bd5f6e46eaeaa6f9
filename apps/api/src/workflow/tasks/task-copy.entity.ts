import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 抄送: a read-only copy of a completed step sent to a person; read once they open it. */
@Entity('wf_task_copy')
export class WorkflowTaskCopy {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'task_id', type: 'varchar', length: 200 })
  taskId: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** The approver who completed the step. */
  @Column({ name: 'copied_by', type: 'varchar', length: 64 })
  copiedBy: string;

  /** `model`: the step's `orglife.cc` header named the role; `approver`: chosen when completing. */
  @Column({ type: 'varchar', length: 8 })
  source: 'model' | 'approver';

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
