import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionRecordParts } from './session-record.parts.js';

/** One 更正 of a recorded session: why, who, when, and the corrected parts before and after. */
@Entity('session_correction')
export class SessionCorrection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'corrected_by', type: 'uuid' })
  correctedBy: string;

  @Column({ name: 'corrected_at', type: 'timestamptz' })
  correctedAt: Date;

  @Column({ type: 'text' })
  reason: string;

  /** Only the parts this correction changed, as they were. */
  @Column({ type: 'jsonb' })
  before: Partial<SessionRecordParts>;

  /** The same parts as corrected. */
  @Column({ type: 'jsonb' })
  after: Partial<SessionRecordParts>;
}
