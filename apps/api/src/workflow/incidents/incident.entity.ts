import { Column, Entity, PrimaryColumn } from 'typeorm';

export type IncidentStatus = 'open' | 'resolved';

/**
 * Something a person must look at: an engine incident (a service task out of retries, a
 * failed expression), or a timer the executor could not fire (`jobId` set, no engine id).
 */
@Entity('wf_incident')
export class WorkflowIncident {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'engine_incident_id', type: 'varchar', length: 200, nullable: true })
  engineIncidentId: string | null;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId: string | null;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId: string;

  @Column({ name: 'element_id', type: 'varchar', length: 200 })
  elementId: string;

  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'varchar', length: 16 })
  status: IncidentStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 64, nullable: true })
  resolvedBy: string | null;
}
