import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFound } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { MANDATE_ROLES } from '../attachments/photo.disclosure.js';
import type { AuthUser } from '../auth/auth-user.js';
import { BranchVisibility } from '../plans/branch-visibility.service.js';
import {
  SessionAttachment,
  SessionAttendance,
  SessionDecision,
  SessionLecture,
  SessionReport,
  SessionSegment,
  SessionSelfStudy,
  SessionSpeech,
} from './session-parts.entity.js';
import { SessionCorrection } from './session-correction.entity.js';
import { SessionCorrectionService, type CorrectionRight } from './session-correction.service.js';
import { OrgSession } from './session.entity.js';
import {
  photoTolerance,
  sessionPhotos,
  type PhotoTolerance,
  type SessionPhoto,
} from './session-photos.js';
import { checkSixHaves, type SixHavesCheck } from './six-haves.js';

export interface SessionView extends OrgSession {
  branchName: string;
  people: Record<string, string>;
  selfStudy: SessionSelfStudy[];
  attendance: SessionAttendance[];
  segments: SessionSegment[];
  speeches: SessionSpeech[];
  lectures: SessionLecture[];
  reports: SessionReport[];
  decisions: SessionDecision[];
  attachments: SessionAttachment[];
  /** The photos with their EXIF time and how far they are from the session (flags). */
  photos: SessionPhoto[];
  sixHaves: SixHavesCheck;
  /** Each 更正, oldest first, with the parts before and after. */
  corrections: SessionCorrection[];
  /** Whether the caller may correct the record now, and until when (branch secretary). */
  correction: CorrectionRight;
}

/** Reads sessions with their "six haves" records, within the branches the caller can see. */
@Injectable()
export class SessionService {
  private readonly tolerance: PhotoTolerance;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly visibility: BranchVisibility,
    private readonly corrections: SessionCorrectionService,
    private readonly access: AccessService,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.tolerance = photoTolerance(options);
  }

  async list(user: AuthUser, query: { month?: string; orgUnitId?: string }): Promise<OrgSession[]> {
    const branchIds = await this.visibility.branchIds(user);
    if (branchIds.length === 0) return [];
    const qb = this.db
      .getRepository(OrgSession)
      .createQueryBuilder('s')
      .innerJoin('org_unit', 'u', 'u.id = s.branch_id')
      .where('s.branch_id IN (:...branchIds)', { branchIds })
      .orderBy('s.scheduled_at', 'DESC')
      .addOrderBy('u.path', 'ASC');
    if (query.month) qb.andWhere('s.month = :month', { month: query.month });
    if (query.orgUnitId) {
      qb.andWhere(`u.path LIKE (SELECT path FROM org_unit WHERE id = :unit) || '%'`, {
        unit: query.orgUnitId,
      });
    }
    return qb.getMany();
  }

  async get(user: AuthUser, id: string): Promise<SessionView> {
    const em = this.db.manager;
    const session = await em.findOneBy(OrgSession, { id });
    if (!session) throw new NotFound(`Session ${id} does not exist (组织生活不存在).`);
    await this.visibility.assertVisible(user, session.branchId);
    const by = { where: { sessionId: id } };
    const [selfStudy, attendance, segments, speeches, lectures, reports, decisions, attachments] = [
      await em.find(SessionSelfStudy, by),
      await em.find(SessionAttendance, by),
      await em.find(SessionSegment, by),
      await em.find(SessionSpeech, by),
      await em.find(SessionLecture, by),
      await em.find(SessionReport, by),
      await em.find(SessionDecision, by),
      await em.find(SessionAttachment, by),
    ];
    const corrections = await em.find(SessionCorrection, {
      where: { sessionId: id },
      order: { correctedAt: 'ASC' },
    });
    const personIds = [
      ...attendance.map((a) => a.personId),
      ...lectures.flatMap((l) => (l.speakerId ? [l.speakerId] : [])),
      ...(session.recordedBy ? [session.recordedBy] : []),
      ...(session.summaryBy ? [session.summaryBy] : []),
      ...corrections.flatMap((c) => [
        c.correctedBy,
        ...[c.before, c.after].flatMap((parts) => [
          ...(parts.attendance ?? []).map((a) => a.personId),
          ...(parts.segments ?? []).map((g) => g.ownerId),
          ...(parts.speeches ?? []).map((x) => x.personId),
          ...(parts.reports ?? []).map((r) => r.personId),
          ...(parts.lectures ?? []).flatMap((l) => (l.speakerId ? [l.speakerId] : [])),
        ]),
      ]),
    ];
    const people = personIds.length
      ? await em.query<{ id: string; name: string }[]>(
          `SELECT id, name FROM person WHERE id = ANY($1::uuid[])`,
          [[...new Set(personIds)]],
        )
      : [];
    const [branch] = await em.query<{ name: string }[]>(`SELECT name FROM org_unit WHERE id = $1`, [
      session.branchId,
    ]);
    const [sixHaves] = await checkSixHaves(em, [id]);
    const mandate = await this.access.hasRole(user, session.branchId, MANDATE_ROLES);
    return {
      ...session,
      branchName: branch?.name ?? '',
      people: Object.fromEntries(people.map((p) => [p.id, p.name])),
      selfStudy,
      attendance,
      segments,
      speeches,
      lectures,
      reports,
      decisions,
      attachments,
      photos: await sessionPhotos(em, [id], this.tolerance, mandate),
      sixHaves: sixHaves!,
      corrections,
      correction: await this.corrections.right(user, session),
    };
  }
}
