import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A committee leader's visit to a branch session (现场督导) and the guidance given. */
@Entity('onsite_supervision')
export class OnsiteSupervision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'pending' | 'recorded' | 'cancelled';

  /** Who attended and gave the guidance (the person completing the record). */
  @Column({ name: 'supervisor_id', type: 'uuid', nullable: true })
  supervisorId: string | null;

  @Column({ name: 'attended_on', type: 'date', nullable: true })
  attendedOn: string | null;

  @Column({ type: 'text', nullable: true })
  guidance: string | null;

  @Column({ name: 'findings_count', type: 'int', default: 0 })
  findingsCount: number;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'started_by', type: 'uuid' })
  startedBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
