import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One element lifecycle event of an instance, as the engine reported it; keyed by instance. */
@Entity('wf_history')
export class WorkflowHistoryEvent {
  @PrimaryColumn({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

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
