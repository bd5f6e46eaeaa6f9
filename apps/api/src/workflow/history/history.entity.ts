import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One element lifecycle event of an instance, as the engine reported it. */
@Entity('wf_history')
export class WorkflowHistoryEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'element_id', type: 'varchar', length: 200 })
  elementId: string;

  @Column({ name: 'element_type', type: 'varchar', length: 100 })
  elementType: string;

  @Column({ name: 'element_instance_id', type: 'varchar', length: 200 })
  elementInstanceId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;
}
