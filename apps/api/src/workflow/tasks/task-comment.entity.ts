import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('wf_task_comment')
export class WorkflowTaskComment {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'varchar', length: 200 })
  taskId: string;

  @Column({ name: 'author_id', type: 'varchar', length: 64 })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
