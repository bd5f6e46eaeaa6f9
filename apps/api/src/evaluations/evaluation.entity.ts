import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VanguardGrade } from './evaluation.vocabulary.js';

/** A member's review of the branch after a session (党员评议支部). */
@Entity('branch_review')
export class BranchReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ type: 'text' })
  opinion: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A member's review of another member's report (党员互评). */
@Entity('peer_review')
export class PeerReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @Column({ type: 'text' })
  comment: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The branch secretary's comment on a member after the reports (书记点评). */
@Entity('secretary_comment')
export class SecretaryComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  comment: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One quarter's round of 先锋创绩 comments, opened by the quarterly timer. */
@Entity('vanguard_round')
export class VanguardRound {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `YYYYQn`. */
  @Column({ type: 'char', length: 6 })
  quarter: string;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;
}

@Entity('vanguard_comment')
export class VanguardComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'varchar', length: 16 })
  grade: VanguardGrade;

  @Column({ type: 'text' })
  comment: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
