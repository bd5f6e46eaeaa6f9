import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface StudyMaterial {
  title: string;
  url?: string;
  description?: string;
}

export type StudyContentStatus = 'draft' | 'published' | 'cancelled';

/** The month's study content OD sets for every branch (每月学习内容). */
@Entity('study_content')
export class StudyContent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'university_id', type: 'uuid' })
  universityId: string;

  /** `YYYY-MM`. */
  @Column({ type: 'char', length: 7 })
  month: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'jsonb' })
  topics: string[];

  @Column({ type: 'jsonb' })
  materials: StudyMaterial[];

  @Column({ name: 'attachment_ids', type: 'uuid', array: true })
  attachmentIds: string[];

  @Column({ type: 'varchar', length: 16 })
  status: StudyContentStatus;

  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
