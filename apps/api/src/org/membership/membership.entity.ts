import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One stretch of a person's membership of a unit (组织关系): from `fromOn` to the day before
 * `toOn` (the transfer day), open while `toOn` is null. The ledger counts a member for a branch
 * only inside these dates.
 */
@Entity('org_membership')
export class OrgMembership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId: string;

  /** `YYYY-MM-DD`, China calendar day. */
  @Column({ name: 'from_on', type: 'date' })
  fromOn: string;

  /** The day the member left (transferred out), exclusive; null while a member. */
  @Column({ name: 'to_on', type: 'date', nullable: true })
  toOn: string | null;
}
