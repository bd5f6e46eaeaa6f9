import type { Variables } from '@orglife/engine';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `timer`: an instance's timer; `service`: a service task; `start_timer`: a definition's timer start event. */
export type JobKind = 'timer' | 'service' | 'start_timer';
/** `due`: claimable from `dueAt`; `locked`: claimed until `lockExpiresAt`; `failed`: out of retries, an incident is open. */
export type JobState = 'due' | 'locked' | 'failed';

@Entity('wf_job')
export class WorkflowJob {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: JobKind;

  @Column({ type: 'varchar', length: 16 })
  state: JobState;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId: string;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId: string;

  @Column({ name: 'element_id', type: 'varchar', length: 200 })
  elementId: string;

  /** The service task's type (`zeebe:taskDefinition type`); handlers are registered by it. */
  @Column({ name: 'job_type', type: 'varchar', length: 200, nullable: true })
  jobType: string | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'int' })
  retries: number;

  /** Failed attempts so far; drives the retry backoff. */
  @Column({ type: 'int' })
  attempts: number;

  /** Times a timer start event has fired: a repeating cycle `R3/…` ends after three. */
  @Column({ name: 'fire_count', type: 'int', default: 0 })
  fireCount: number;

  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  @Column({ type: 'jsonb' })
  variables: Variables;

  @Column({ name: 'lock_owner', type: 'varchar', length: 100, nullable: true })
  lockOwner: string | null;

  @Column({ name: 'lock_expires_at', type: 'timestamptz', nullable: true })
  lockExpiresAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
