import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Forbidden } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import type { AuthUser } from '../auth/auth-user.js';
import {
  photoTolerance,
  sessionPhotos,
  type PhotoTolerance,
  type SessionPhoto,
} from '../sessions/session-photos.js';
import { checkSixHaves, type SixHavesCheck } from '../sessions/six-haves.js';

export interface SessionRecordView {
  id: string;
  status: string;
  scheduledAt: Date;
  heldAt: Date | null;
  place: string | null;
  meetingTypes: string[];
  summary: string | null;
  segments: { key: string; record: string }[];
  attendance: Record<string, number>;
  speeches: number;
  lectures: { kind: string; title: string }[];
  reports: number;
  /** Photos, sign-in sheets and minutes, to open through /api/attachments/:id/content. */
  attachments: { attachmentId: string; kind: string; fileName: string }[];
  /** Its photos with EXIF time and place (the reader is OD or inspecting) and their flags. */
  photos: SessionPhoto[];
  sixHaves: SixHavesCheck;
}

/**
 * Whether a branch is under inspection for `month`: drawn in that month's spot-check batch,
 * awaiting a look-back, or in a pending annual inspection of its committee.
 */
export async function isUnderInspection(
  db: Pick<DataSource, 'query'>,
  branchId: string,
  month: string,
): Promise<boolean> {
  const [row] = await db.query<{ yes: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM spot_check_item i JOIN spot_check_batch b ON b.id = i.batch_id
                       WHERE i.branch_id = $1 AND b.month = $2)
           OR EXISTS (SELECT 1 FROM rectification r WHERE r.branch_id = $1 AND r.status = 'closed')
           OR EXISTS (SELECT 1 FROM annual_inspection a JOIN org_unit b ON b.id = $1
                       WHERE a.status = 'pending' AND (a.committee_id = b.parent_id OR a.committee_id = b.id))
           AS yes`,
    [branchId, month],
  );
  return row?.yes === true;
}

/**
 * What an inspector may look at: a branch's records only while it is under inspection —
 * drawn in a spot-check batch for that month, awaiting a look-back, or in a pending annual
 * inspection of its committee. OD sees every branch; nobody else reads through here.
 */
@Injectable()
export class InspectionScope {
  private readonly tolerance: PhotoTolerance;

  constructor(
    private readonly access: AccessService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.tolerance = photoTolerance(options);
  }

  async assertMayInspect(user: AuthUser, branchId: string, month: string): Promise<void> {
    if (await this.access.hasRole(user, branchId, ['od_admin'])) return;
    if (
      (await this.access.hasRole(user, branchId, ['inspector'])) &&
      (await isUnderInspection(this.db, branchId, month))
    ) {
      return;
    }
    throw new Forbidden(
      `Branch ${branchId} is not under inspection for ${month} (该支部未被抽中或不在督查范围内).`,
    );
  }

  /** The branch's sessions of `month` as an inspector reads them. */
  async records(em: EntityManager, branchId: string, month: string): Promise<SessionRecordView[]> {
    const rows = await em.query<Omit<SessionRecordView, 'sixHaves' | 'photos'>[]>(
      `SELECT s.id, s.status, s.scheduled_at AS "scheduledAt", s.held_at AS "heldAt", s.place,
              s.meeting_types AS "meetingTypes", s.summary,
              COALESCE((SELECT json_agg(json_build_object('key', g.key, 'record', g.record) ORDER BY g.key)
                          FROM session_segment g WHERE g.session_id = s.id), '[]') AS segments,
              COALESCE((SELECT json_object_agg(t.status, t.n) FROM
                          (SELECT status, count(*)::int AS n FROM session_attendance
                            WHERE session_id = s.id GROUP BY status) t), '{}') AS attendance,
              (SELECT count(*)::int FROM session_speech x WHERE x.session_id = s.id) AS speeches,
              COALESCE((SELECT json_agg(json_build_object('kind', l.kind, 'title', l.title))
                          FROM session_lecture l WHERE l.session_id = s.id), '[]') AS lectures,
              (SELECT count(*)::int FROM session_report x WHERE x.session_id = s.id) AS reports,
              COALESCE((SELECT json_agg(json_build_object('attachmentId', t.attachment_id, 'kind', t.kind,
                                                          'fileName', f.file_name) ORDER BY t.kind, f.file_name)
                          FROM session_attachment t JOIN attachment f ON f.id = t.attachment_id
                         WHERE t.session_id = s.id), '[]') AS attachments
         FROM org_session s WHERE s.branch_id = $1 AND s.month = $2 ORDER BY s.scheduled_at`,
      [branchId, month],
    );
    const checks = await checkSixHaves(
      em,
      rows.map((r) => r.id),
    );
    const photos = await sessionPhotos(
      em,
      rows.map((r) => r.id),
      this.tolerance,
      true,
    );
    return rows.map((r) => ({
      ...r,
      photos: photos.filter((p) => p.sessionId === r.id),
      sixHaves: checks.find((c) => c.sessionId === r.id)!,
    }));
  }
}
