import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Forbidden, NotFound, Conflict, RuleViolation } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { bilingual } from '../../common/locale.js';
import { BranchDirectory } from '../../plans/branch.directory.js';
import { fieldError } from '../../task-forms/field-error.js';
import { OrgSession } from '../session.entity.js';
import { CheckInCodes } from './check-in-codes.js';
import type { CheckInDto, ProxySignInDto, SignInSettingsDto } from './sign-in.dto.js';
import { SessionSignIn, type PlaceStatus } from './sign-in.entity.js';
import type {
  CheckInInfoResponse,
  CheckInResultResponse,
  SignInCodeResponse,
  SignInResponse,
  SignInSettingsResponse,
  SignInSheetResponse,
} from './sign-in.response.js';
import { distanceM, isLate, isWithin, signInWindow, venueOf } from './sign-in.rules.js';

/** Who runs the 签到 screen, signs members in by hand and confirms places: the branch's officers. */
const KEEPERS: RoleName[] = ['branch_secretary', 'branch_committee'];
/** Who reads a session's 签到表: its officers, the committee above and OD. */
const SHEET_READERS: RoleName[] = ['od_admin', ...COMMITTEE_ROLES, ...KEEPERS];

const when = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** QR sign-in (签到) of a session: window and venue, codes, members' sign-ins, 代签. */
@Injectable()
export class SignInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly branches: BranchDirectory,
    private readonly codes: CheckInCodes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async updateSettings(
    user: AuthUser,
    id: string,
    dto: SignInSettingsDto,
  ): Promise<SignInSettingsResponse> {
    const session = await this.session(id);
    await this.access.assertRole(user, session.branchId, KEEPERS);
    this.assertScheduled(session);
    await this.db.getRepository(OrgSession).update(
      { id },
      {
        signInOpensBeforeMin: dto.opensBeforeMin,
        signInDurationMin: dto.durationMin,
        lateAfterMin: dto.lateAfterMin,
        venueLatitude: dto.venue?.latitude ?? null,
        venueLongitude: dto.venue?.longitude ?? null,
        venueRadiusM: dto.venue?.radiusM ?? null,
      },
    );
    return settingsOf(await this.session(id));
  }

  /** The 签到 screen: the current code while the window is open. */
  async code(user: AuthUser, id: string): Promise<SignInCodeResponse> {
    const session = await this.session(id);
    await this.access.assertRole(user, session.branchId, KEEPERS);
    const window = signInWindow(session);
    const open = session.status === 'scheduled' && isWithin(window, this.clock.now());
    if (!open) return { open, ...window, code: null, path: null, rotatesAt: null };
    const { code, rotatesAt } = await this.codes.issue(id);
    const path = `/sessions/${id}/check-in?code=${encodeURIComponent(code)}`;
    return { open, ...window, code, path, rotatesAt };
  }

  async sheet(user: AuthUser, id: string): Promise<SignInSheetResponse> {
    const session = await this.session(id);
    await this.access.assertRole(user, session.branchId, SHEET_READERS);
    const members = await this.branches.members(this.db.manager, session.branchId);
    return {
      sessionId: id,
      branchName: await this.branchName(session.branchId),
      scheduledAt: session.scheduledAt,
      place: session.place,
      status: session.status,
      settings: settingsOf(session),
      expected: members.length,
      members,
      signIns: await this.signIns(id),
    };
  }

  /** For the member's phone: the session, whether the place is checked, their own sign-in. */
  async info(user: AuthUser, id: string): Promise<CheckInInfoResponse> {
    const session = await this.session(id);
    await this.assertMember(user, session);
    const mine = (await this.signIns(id, user.personId))[0] ?? null;
    return {
      sessionId: id,
      branchName: await this.branchName(session.branchId),
      scheduledAt: session.scheduledAt,
      place: session.place,
      placeCheck: venueOf(session) !== null,
      mine,
    };
  }

  /** A pass for a fresh code, so a member not yet signed in to the app can log in first. */
  async pass(id: string, code: string) {
    await this.session(id);
    return this.codes.pass(id, code);
  }

  /** A member signs themselves in with a fresh code (or pass); kept once whatever the retries. */
  async checkIn(user: AuthUser, id: string, dto: CheckInDto): Promise<CheckInResultResponse> {
    const session = await this.session(id);
    if (dto.pass !== undefined) await this.codes.verifyPass(id, dto.pass);
    else await this.codes.verifyCode(id, dto.code ?? '');
    await this.assertMember(user, session);
    const existing = (await this.signIns(id, user.personId))[0];
    if (existing) return this.result(session, existing, true);
    const now = this.clock.now();
    this.assertOpen(session, now);
    const place = this.placeCheck(session, dto);
    return this.insert(session, {
      personId: user.personId,
      signedAt: now,
      late: isLate(session, now),
      method: 'qr',
      proxyBy: null,
      proxyReason: null,
      ...place,
    });
  }

  /** 代签: the secretary signs a member in by hand, with the reason; recorded as such. */
  async proxy(user: AuthUser, id: string, dto: ProxySignInDto): Promise<CheckInResultResponse> {
    const session = await this.session(id);
    await this.access.assertRole(user, session.branchId, KEEPERS);
    this.assertScheduled(session);
    if (!(await this.isMember(dto.personId, session.branchId))) {
      throw fieldError(
        'personId',
        bilingual('该人员不是本支部党员', 'this person is not a member of the branch'),
      );
    }
    const now = this.clock.now();
    return this.insert(session, {
      personId: dto.personId,
      signedAt: now,
      late: isLate(session, now),
      method: 'proxy',
      proxyBy: user.personId,
      proxyReason: dto.reason.trim(),
      placeStatus: 'none',
      distanceM: null,
    });
  }

  /** The secretary confirms the presence of a member who declined to give a location. */
  async confirmPlace(user: AuthUser, id: string, personId: string): Promise<SignInResponse> {
    const session = await this.session(id);
    await this.access.assertRole(user, session.branchId, KEEPERS);
    const result = await this.db
      .createQueryBuilder()
      .update(SessionSignIn)
      .set({ placeStatus: 'confirmed', placeConfirmedBy: user.personId })
      .where('session_id = :id AND person_id = :personId AND place_status = :declined', {
        id,
        personId,
        declined: 'declined',
      })
      .execute();
    if (!result.affected) {
      throw new NotFound(
        bilingual('没有待确认位置的签到', 'no sign-in of this member awaits a place confirmation'),
      );
    }
    return (await this.signIns(id, personId))[0]!;
  }

  /** Rows of the session's sign-ins (one person's when given), with names, by time. */
  async signIns(
    sessionId: string,
    personId?: string,
    em?: EntityManager,
  ): Promise<SignInResponse[]> {
    return (em ?? this.db.manager).query<SignInResponse[]>(
      `SELECT s.person_id AS "personId", p.name, s.signed_at AS "signedAt", s.late, s.method,
              x.name AS "proxyByName", s.proxy_reason AS "proxyReason",
              s.place_status AS "placeStatus", s.distance_m AS "distanceM"
         FROM session_sign_in s JOIN person p ON p.id = s.person_id
         LEFT JOIN person x ON x.id = s.proxy_by
        WHERE s.session_id = $1 AND ($2::uuid IS NULL OR s.person_id = $2::uuid)
        ORDER BY s.signed_at, p.name`,
      [sessionId, personId ?? null],
    );
  }

  private async insert(
    session: OrgSession,
    row: Omit<SessionSignIn, 'sessionId' | 'placeConfirmedBy'>,
  ): Promise<CheckInResultResponse> {
    // ON CONFLICT keeps the first sign-in of a member however many requests race for it.
    const inserted = await this.db.query<unknown[]>(
      `INSERT INTO session_sign_in
         (session_id, person_id, signed_at, late, method, proxy_by, proxy_reason, place_status, distance_m)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (session_id, person_id) DO NOTHING
       RETURNING person_id`,
      [
        session.id,
        row.personId,
        row.signedAt,
        row.late,
        row.method,
        row.proxyBy,
        row.proxyReason,
        row.placeStatus,
        row.distanceM,
      ],
    );
    const kept = (await this.signIns(session.id, row.personId))[0]!;
    return this.result(session, kept, inserted.length === 0);
  }

  private async result(
    session: OrgSession,
    signIn: SignInResponse,
    already: boolean,
  ): Promise<CheckInResultResponse> {
    return {
      sessionId: session.id,
      branchName: await this.branchName(session.branchId),
      signIn,
      already,
    };
  }

  private placeCheck(
    session: OrgSession,
    dto: CheckInDto,
  ): { placeStatus: PlaceStatus; distanceM: number | null } {
    const venue = venueOf(session);
    if (!venue) return { placeStatus: 'none', distanceM: null };
    if (dto.latitude === undefined || dto.longitude === undefined) {
      if (dto.declineLocation) return { placeStatus: 'declined', distanceM: null };
      throw fieldError(
        'location',
        bilingual(
          '本次签到需核对位置：请允许获取位置，或选择不提供位置（由书记确认）',
          'this sign-in checks the place: send your location, or decline and the secretary confirms',
        ),
      );
    }
    const distance = distanceM(venue, { latitude: dto.latitude, longitude: dto.longitude });
    if (distance > venue.radiusM) {
      throw new RuleViolation(
        bilingual(
          `您距会场约${distance}米，超出${venue.radiusM}米的签到范围`,
          `you are about ${distance} m from the venue, beyond the ${venue.radiusM} m allowed`,
        ),
      );
    }
    return { placeStatus: 'verified', distanceM: distance };
  }

  private assertOpen(session: OrgSession, now: Date): void {
    this.assertScheduled(session);
    const window = signInWindow(session);
    if (!isWithin(window, now)) {
      throw new Conflict(
        bilingual(
          `不在签到时间内（${when(window.opensAt)} 至 ${when(window.closesAt)}）`,
          `outside the sign-in window (${window.opensAt.toISOString()} to ${window.closesAt.toISOString()})`,
        ),
      );
    }
  }

  private assertScheduled(session: OrgSession): void {
    if (session.status !== 'scheduled') {
      throw new Conflict(
        bilingual(
          '本次组织生活已记录，签到已结束',
          'the session has been recorded: sign-in is over',
        ),
      );
    }
  }

  private async assertMember(user: AuthUser, session: OrgSession): Promise<void> {
    if (!(await this.isMember(user.personId, session.branchId))) {
      throw new Forbidden(
        bilingual(
          '您不是本支部党员，不能在此签到',
          'you are not a member of this branch and cannot sign in here',
        ),
      );
    }
  }

  private async isMember(personId: string, branchId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM person p JOIN org_unit u ON u.id = p.org_unit_id
        WHERE p.id = $1 AND p.member_type IS NOT NULL
          AND u.path LIKE (SELECT path FROM org_unit WHERE id = $2) || '%'`,
      [personId, branchId],
    );
    return rows.length > 0;
  }

  private async session(id: string): Promise<OrgSession> {
    const session = await this.db.getRepository(OrgSession).findOneBy({ id });
    if (!session) throw new NotFound(bilingual('组织生活不存在', `session ${id} does not exist`));
    return session;
  }

  private async branchName(branchId: string): Promise<string> {
    const [row] = await this.db.query<{ name: string }[]>(
      `SELECT name FROM org_unit WHERE id = $1`,
      [branchId],
    );
    return row?.name ?? '';
  }
}

export function settingsOf(session: OrgSession): SignInSettingsResponse {
  return {
    opensBeforeMin: session.signInOpensBeforeMin,
    durationMin: session.signInDurationMin,
    lateAfterMin: session.lateAfterMin,
    venue: venueOf(session),
    ...signInWindow(session),
  };
}
