import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrgUnit } from './org-unit.entity.js';

export type Gender = 'male' | 'female';
/** 正式党员 / 预备党员; null for people who are not party members (e.g. some inspectors). */
export type MemberType = 'full' | 'probationary';

@Entity('person')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 工号/学号, unique: the key the roster import matches rows on. */
  @Index({ unique: true })
  @Column({ name: 'employee_no', type: 'varchar', length: 32 })
  employeeNo: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  gender: Gender | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  /** The branch or group the person belongs to (组织关系所在). */
  @Index()
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnit;

  @Column({ name: 'member_type', type: 'varchar', length: 16, nullable: true })
  memberType: MemberType | null;

  @Column({ name: 'joined_party_on', type: 'date', nullable: true })
  joinedPartyOn: string | null;

  /** Created by a campus sign-in (auto-creation) and not yet confirmed by the Organization Department. */
  @Column({ name: 'sso_created_at', type: 'timestamptz', nullable: true })
  ssoCreatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
