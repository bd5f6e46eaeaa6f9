import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

export type DefinitionSource = 'file' | 'upload';

/** One deployed version of one executable process; instances stay on the version they began on. */
@Entity('wf_definition')
@Unique('uq_wf_definition_version', ['processId', 'version'])
export class WorkflowDefinition {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'process_id', type: 'varchar', length: 200 })
  processId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name: string | null;

  /** What the deployer says changed in this version. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'text' })
  xml: string;

  /** SHA-256 of the XML: a file deployed at startup becomes a new version only when it changed. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'varchar', length: 16 })
  source: DefinitionSource;

  @Column({ name: 'source_name', type: 'varchar', length: 300, nullable: true })
  sourceName: string | null;

  @Column({ name: 'deployed_by', type: 'varchar', length: 64, nullable: true })
  deployedBy: string | null;

  @Column({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt: Date;
}
