import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The yearly inspection (调研督查) of one committee and its branches. */
@Entity('annual_inspection')
export class AnnualInspection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'pending' | 'done' | 'cancelled';

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ name: 'findings_count', type: 'int', default: 0 })
  findingsCount: number;

  @Column({ name: 'inspected_by', type: 'uuid', nullable: true })
  inspectedBy: string | null;

  @Column({ name: 'inspected_at', type: 'timestamptz', nullable: true })
  inspectedAt: Date | null;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
