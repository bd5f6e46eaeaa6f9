import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Forbidden, NotFound, Conflict } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES } from '../access/role-name.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { localDay } from '../common/time-zone.js';
import { bilingual } from '../common/locale.js';
import { Transactions } from '../database/transactions.js';
import { BranchDirectory, type BranchMember } from '../plans/branch.directory.js';
import { fieldError } from '../task-forms/field-error.js';
import { SessionCorrection } from './session-correction.entity.js';
import { recordOf } from './session-record.input.js';
import {
  RECORD_PARTS,
  readParts,
  writeParts,
  type SessionRecordParts,
} from './session-record.parts.js';
import { assertRecordValid } from './session-record.rules.js';
import type { CorrectSessionDto } from './session.dto.js';
import { OrgSession } from './session.entity.js';

/** Who may correct a session now: the committee any time, the branch secretary until `until`. */
export interface CorrectionRight {
  allowed: boolean;
  /** The end of the branch secretary's window; null for the committee (no limit). */
  until: Date | null;
}

const DAY_MS = 86_400_000;

/**
 * 更正 of a recorded session. The branch secretary corrects within the configured number of days
 * after recording, the committee (二级党组织) at any time, always with a reason; the corrected
 * record obeys every rule of recording, each correction is kept with the parts before and after,
 * and the ledger, computed from the record, follows.
 */
@Injectable()
export class SessionCorrectionService {
  private readonly windowDays: number;

  constructor(
    private readonly access: AccessService,
    private readonly branches: BranchDirectory,
    private readonly transactions: Transactions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.windowDays = options.sessionCorrectionDays ?? 7;
  }

  async right(user: AuthUser, session: OrgSession): Promise<CorrectionRight> {
    if (!session.recordedAt) return { allowed: false, until: null };
    if (await this.access.hasRole(user, session.branchId, COMMITTEE_ROLES)) {
      return { allowed: true, until: null };
    }
    if (!(await this.access.hasRole(user, session.branchId, ['branch_secretary']))) {
      return { allowed: false, until: null };
    }
    const until = new Date(session.recordedAt.getTime() + this.windowDays * DAY_MS);
    return { allowed: this.clock.now() <= until, until };
  }

  async correct(user: AuthUser, id: string, dto: CorrectSessionDto): Promise<SessionCorrection> {
    return this.transactions.run(async (em) => {
      const session = await em.findOne(OrgSession, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!session) throw new NotFound(`Session ${id} does not exist (组织生活不存在).`);
      await this.assertMayCorrect(user, session);
      const given: Partial<SessionRecordParts> = recordOf(dto);
      if (dto.summary !== undefined) {
        if (session.summary === null) {
          throw fieldError(
            'summary',
            bilingual(
              '尚未提交总结，不能更正总结',
              'the summary is not in yet; it cannot be corrected',
            ),
          );
        }
        given.summary = dto.summary;
      }
      const current = await readParts(em, session);
      const before: Partial<SessionRecordParts> = {};
      const after: Partial<SessionRecordParts> = {};
      for (const part of RECORD_PARTS) {
        if (given[part] === undefined) continue;
        if (JSON.stringify(given[part]) === JSON.stringify(current[part])) continue;
        Object.assign(before, { [part]: current[part] });
        Object.assign(after, { [part]: given[part] });
      }
      if (Object.keys(after).length === 0) {
        throw fieldError(
          'record',
          bilingual('更正内容与原记录相同，无需更正', 'nothing differs from the record'),
        );
      }
      await assertRecordValid(
        em,
        session,
        { ...current, ...after },
        await this.roster(em, session, current),
        this.clock.now(),
      );
      await writeParts(em, session.id, after);
      return em.save(
        em.create(SessionCorrection, {
          sessionId: session.id,
          correctedBy: user.personId,
          correctedAt: this.clock.now(),
          reason: dto.reason.trim(),
          before,
          after,
        }),
      );
    });
  }

  private async assertMayCorrect(user: AuthUser, session: OrgSession): Promise<void> {
    if (session.status === 'scheduled' || !session.recordedAt) {
      throw new Conflict(
        bilingual(
          '该组织生活尚未记录，不能更正',
          'the session is not recorded yet; nothing to correct',
        ),
      );
    }
    const right = await this.right(user, session);
    if (right.allowed) return;
    if (right.until) {
      throw new Forbidden(
        bilingual(
          `记录已超过${this.windowDays}天更正期限（${localDay(right.until)}），请由二级党组织更正`,
          `the ${this.windowDays}-day correction period ended on ${localDay(right.until)}; the committee may still correct it`,
        ),
      );
    }
    throw new Forbidden(
      bilingual(
        '仅本支部书记或二级党组织可更正组织生活记录',
        'only the branch secretary or the committee may correct a session record',
      ),
    );
  }

  /**
   * Who the corrected record is about: everyone on the recorded attendance stays required (they
   * were members that day, even if they left since); today's members may be added.
   */
  private async roster(
    em: EntityManager,
    session: OrgSession,
    current: SessionRecordParts,
  ): Promise<{ required: BranchMember[]; allowed: BranchMember[] }> {
    const ids = current.attendance.map((a) => a.personId);
    const recorded = ids.length
      ? await em.query<BranchMember[]>(
          `SELECT id, name FROM person WHERE id = ANY($1::uuid[]) ORDER BY name, id`,
          [ids],
        )
      : [];
    const today = await this.branches.members(em, session.branchId);
    const known = new Set(recorded.map((m) => m.id));
    return { required: recorded, allowed: [...recorded, ...today.filter((m) => !known.has(m.id))] };
  }
}
