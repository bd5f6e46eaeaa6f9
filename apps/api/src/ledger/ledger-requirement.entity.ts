import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LedgerPeriod } from './ledger-period.js';
import type { RequirementSubject } from './ledger-requirement.defaults.js';

/** A configurable ledger requirement (e.g. 党课 quarterly), edited by OD. */
@Entity('ledger_requirement')
export class LedgerRequirement {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 24 })
  subject: RequirementSubject;

  @Column({ type: 'varchar', length: 16 })
  period: LedgerPeriod;

  @Column({ name: 'min_count', type: 'int' })
  minCount: number;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt: Date | null;
}
