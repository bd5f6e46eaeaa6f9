import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
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
  sixHaves: SixHavesCheck;
}

/**
 * What an inspector may look at: a branch's records only while it is under inspection —
 * drawn in a spot-check batch for that month, awaiting a look-back, or in a pending annual
 * inspection of its committee. OD sees every branch; nobody else reads through here.
 */
@Injectable()
export class InspectionScope {
  constructor(
    private readonly access: AccessService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async assertMayInspect(user: AuthUser, branchId: string, month: string): Promise<void> {
    if (await this.access.hasRole(user, branchId, ['od_admin'])) return;
    if (
      (await this.access.hasRole(user, branchId, ['inspector'])) &&
      (await this.underInspection(branchId, month))
    ) {
      return;
    }
    throw new ForbiddenException(
      `Branch ${branchId} is not under inspection for ${month} (该支部未被抽中或不在督查范围内).`,
    );
  }

  private async underInspection(branchId: string, month: string): Promise<boolean> {
    const [row] = await this.db.query<{ yes: boolean }[]>(
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

  /** The branch's sessions of `month` as an inspector reads them. */
  async records(em: EntityManager, branchId: string, month: string): Promise<SessionRecordView[]> {
    const rows = await em.query<Omit<SessionRecordView, 'sixHaves'>[]>(
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
    return rows.map((r) => ({ ...r, sixHaves: checks.find((c) => c.sessionId === r.id)! }));
  }
}
