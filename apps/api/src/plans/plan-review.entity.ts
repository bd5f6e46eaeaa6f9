import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReviewDecision } from './plan.vocabulary.js';

/** One approval step's decision on a plan revision (level 1 committee, level 2 OD). */
@Entity('plan_review')
export class PlanReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 16 })
  decision: ReviewDecision;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
