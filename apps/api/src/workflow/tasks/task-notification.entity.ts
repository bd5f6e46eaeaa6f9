import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An in-app notice to one person about a task (催办 for now). */
@Entity('wf_task_notification')
export class WorkflowTaskNotification {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'task_id', type: 'varchar', length: 200 })
  taskId: string;

  /** `urged`. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** Who caused it: a person id. */
  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Column({ type: 'varchar', length: 500 })
  message: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
