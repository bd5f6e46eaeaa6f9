import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { localDay } from '../common/time-zone.js';
import type {
  AttendanceStatus,
  LectureKind,
  ReportKind,
  SessionStatus,
} from './session.vocabulary.js';

/** One session as the person themself took part in it (我的组织生活). */
export interface MySessionRecord {
  sessionId: string;
  branchName: string;
  month: string;
  status: SessionStatus;
  scheduledAt: Date;
  heldAt: Date | null;
  place: string | null;
  /** Null while the session is not recorded (or the person was not on its roll). */
  attendance: AttendanceStatus | null;
  leaveReason: string | null;
  selfStudyConfirmedAt: Date | null;
  speeches: { topic: string }[];
  lectures: { kind: LectureKind; title: string }[];
  reports: { kind: ReportKind }[];
}

/**
 * The caller's own organizational life of a year: the sessions of their own branch (and its
 * groups), and any other session where they were on the roll, spoke, lectured or reported.
 * Only the caller's own rows are read; nobody else's attendance or words.
 */
@Injectable()
export class MySessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async mine(
    user: AuthUser,
    year?: number,
  ): Promise<{ year: number; sessions: MySessionRecord[] }> {
    const y = year ?? Number(localDay(this.clock.now()).slice(0, 4));
    const me = user.personId;
    const sessions = await this.db.query<MySessionRecord[]>(
      `WITH own AS (
         SELECT b.id FROM person p JOIN org_unit u ON u.id = p.org_unit_id
           JOIN org_unit b ON b.type = 'branch' AND u.path LIKE b.path || '%'
          WHERE p.id = $1)
       SELECT s.id AS "sessionId", b.name AS "branchName", s.month, s.status,
              s.scheduled_at AS "scheduledAt", s.held_at AS "heldAt", s.place,
              a.status AS attendance, a.reason AS "leaveReason",
              ss.confirmed_at AS "selfStudyConfirmedAt",
              COALESCE((SELECT json_agg(json_build_object('topic', x.topic))
                          FROM session_speech x WHERE x.session_id = s.id AND x.person_id = $1), '[]') AS speeches,
              COALESCE((SELECT json_agg(json_build_object('kind', l.kind, 'title', l.title))
                          FROM session_lecture l WHERE l.session_id = s.id AND l.speaker_id = $1), '[]') AS lectures,
              COALESCE((SELECT json_agg(json_build_object('kind', r.kind))
                          FROM session_report r WHERE r.session_id = s.id AND r.person_id = $1), '[]') AS reports
         FROM org_session s JOIN org_unit b ON b.id = s.branch_id
         LEFT JOIN session_attendance a ON a.session_id = s.id AND a.person_id = $1
         LEFT JOIN session_self_study ss ON ss.session_id = s.id AND ss.person_id = $1
        WHERE substr(s.month, 1, 4) = $2
          AND (s.branch_id IN (SELECT id FROM own)
               OR a.person_id IS NOT NULL
               OR EXISTS (SELECT 1 FROM session_speech x WHERE x.session_id = s.id AND x.person_id = $1)
               OR EXISTS (SELECT 1 FROM session_lecture l WHERE l.session_id = s.id AND l.speaker_id = $1)
               OR EXISTS (SELECT 1 FROM session_report r WHERE r.session_id = s.id AND r.person_id = $1))
        ORDER BY s.scheduled_at DESC`,
      [me, String(y)],
    );
    return { year: y, sessions };
  }
}
