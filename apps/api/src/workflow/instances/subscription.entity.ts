import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SubscriptionKind = 'message' | 'signal';

/**
 * A message or signal an instance waits for, or (instanceId null) a start event of the
 * latest definition version that starts a new instance.
 */
@Entity('wf_subscription')
export class WorkflowSubscription {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: SubscriptionKind;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'correlation_key', type: 'varchar', length: 300, nullable: true })
  correlationKey: string | null;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId: string;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId: string;

  @Column({ name: 'element_id', type: 'varchar', length: 200 })
  elementId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
