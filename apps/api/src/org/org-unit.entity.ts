import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { OrgUnitType } from './org-unit-type.js';

@Entity('org_unit')
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short unique code used in spreadsheets, e.g. `C1-B2`. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: OrgUnitType;

  /** A 直属党支部: a branch directly under the university, acting as its own committee. */
  @Column({ type: 'boolean', default: false })
  direct: boolean;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnit | null;

  /** Materialised path of ids from the root, `/<root>/<child>/…/<id>/`; a subtree is a prefix. */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'int' })
  depth: number;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;

  /**
   * Set = campus sign-in creates unknown people here when their identity names this campus unit
   * code (README "Campus sign-in"); unique among units.
   */
  @Column({ name: 'sso_campus_unit_code', type: 'varchar', length: 64, nullable: true })
  ssoCampusUnitCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
