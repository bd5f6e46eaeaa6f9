import type { InstanceStateBase } from '@orglife/engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type InstanceStatus = InstanceStateBase['status'];

/** A process instance: the engine's JSON state plus the columns queries filter on. */
@Entity('wf_instance')
export class WorkflowInstance {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId: string;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId: string;

  @Column({ name: 'business_key', type: 'varchar', length: 200, nullable: true })
  businessKey: string | null;

  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: InstanceStatus;

  @Column({ type: 'jsonb' })
  state: InstanceStateBase;

  /** The engine state's version; every step writes `version + 1` under the row lock. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'parent_instance_id', type: 'uuid', nullable: true })
  parentInstanceId: string | null;

  @Column({ name: 'parent_element_instance_id', type: 'varchar', length: 200, nullable: true })
  parentElementInstanceId: string | null;

  @Column({ name: 'started_by', type: 'varchar', length: 64, nullable: true })
  startedBy: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
