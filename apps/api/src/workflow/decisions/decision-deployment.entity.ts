import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DefinitionSource } from '../definitions/definition.entity.js';

/** One deployed DMN file; a row never changes once stored. */
@Entity('wf_decision_deployment')
export class DecisionDeployment {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'decision_ids', type: 'text', array: true })
  decisionIds: string[];

  /** Each decision's name, in the order of `decisionIds` (the id where it has none). */
  @Column({ name: 'decision_names', type: 'text', array: true })
  decisionNames: string[];

  @Column({ type: 'text' })
  xml: string;

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
