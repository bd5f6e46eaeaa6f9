import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { SegmentKey } from '../plans/plan.vocabulary.js';
import type {
  AttendanceStatus,
  DecisionCategory,
  LectureKind,
  ReportKind,
  SessionAttachmentKind,
} from './session.vocabulary.js';

/** A member's confirmation of the pre-session self-study (会前自学). */
@Entity('session_self_study')
export class SessionSelfStudy {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt: Date;
}

/** 考勤: one row per member of the branch. */
@Entity('session_attendance')
export class SessionAttendance {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 16 })
  status: AttendanceStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}

/** The record of one of the six segments held. */
@Entity('session_segment')
export class SessionSegment {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  key: SegmentKey;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'text' })
  record: string;
}

/** 交流发言. */
@Entity('session_speech')
export class SessionSpeech {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 200 })
  topic: string;

  @Column({ type: 'text', nullable: true })
  content: string | null;
}

/** 党课 / 微党课; an outside expert has a name but no person id. */
@Entity('session_lecture')
export class SessionLecture {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: LectureKind;

  @Column({ name: 'speaker_id', type: 'uuid', nullable: true })
  speakerId: string | null;

  @Column({ name: 'speaker_name', type: 'varchar', length: 100, nullable: true })
  speakerName: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;
}

/** 三汇报. */
@Entity('session_report')
export class SessionReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ReportKind;

  @Column({ type: 'text' })
  content: string;
}

/** 定. */
@Entity('session_decision')
export class SessionDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ type: 'varchar', length: 16 })
  category: DecisionCategory;

  @Column({ type: 'text' })
  content: string;
}

@Entity('session_attachment')
export class SessionAttachment {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ name: 'attachment_id', type: 'uuid' })
  attachmentId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: SessionAttachmentKind;
}
