import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A branch the committee judges weak in organising (组织能力较弱): its plans get a second approval level. */
@Entity('weak_branch')
export class WeakBranch {
  @PrimaryColumn({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'marked_by', type: 'uuid' })
  markedBy: string;

  @Column({ name: 'marked_at', type: 'timestamptz' })
  markedAt: Date;
}
