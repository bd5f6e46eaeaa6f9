import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StudyMaterial } from './study-content.entity.js';

/** A committee's theme and monthly arrangement on top of OD's content (月度安排). */
@Entity('study_arrangement')
export class StudyArrangement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'study_content_id', type: 'uuid' })
  studyContentId: string;

  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 200 })
  theme: string;

  @Column({ type: 'text' })
  arrangement: string;

  @Column({ type: 'jsonb' })
  materials: StudyMaterial[];

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
