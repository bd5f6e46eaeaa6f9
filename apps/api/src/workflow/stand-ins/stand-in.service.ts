import { Inject, Injectable } from '@nestjs/common';
import { Forbidden, NotFound } from '../../common/errors.js';
import { ORG_ADMIN_ROLES } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { bilingual } from '../../common/locale.js';
import { Transactions } from '../../database/transactions.js';
import { newRowId } from '../../database/row-id.js';
import { Person } from '../../org/person.entity.js';
import { fieldError } from '../../task-forms/field-error.js';
import { WorkflowAuditEntry } from '../history/audit.entity.js';
import { WorkflowAccess } from '../workflow-access.js';
import type { CreateStandInDto, StandInDto } from './stand-in.dto.js';
import { WorkflowStandIn } from './stand-in.entity.js';
import { StandInLookup } from './stand-in.lookup.js';

/** 代理: naming, listing and revoking stand-ins; each change leaves an audit row. */
@Injectable()
export class StandInService {
  constructor(
    private readonly tx: Transactions,
    private readonly access: WorkflowAccess,
    private readonly lookup: StandInLookup,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The stand-ins that are or will be in force where I am the person or the stand-in. */
  async mine(user: AuthUser): Promise<StandInDto[]> {
    const rows: Record<string, unknown>[] = await this.tx.reader().query(
      `SELECT s.*, p.name AS person_name, q.name AS stand_in_name
         FROM wf_stand_in s JOIN person p ON p.id = s.person_id JOIN person q ON q.id = s.stand_in_id
        WHERE (s.person_id = $1 OR s.stand_in_id = $1) AND s.revoked_at IS NULL AND s.ends_at > $2
        ORDER BY s.starts_at`,
      [user.personId, this.clock.now()],
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      personId: r['person_id'] as string,
      personName: r['person_name'] as string,
      standInId: r['stand_in_id'] as string,
      standInName: r['stand_in_name'] as string,
      startsAt: new Date(r['starts_at'] as string).toISOString(),
      endsAt: new Date(r['ends_at'] as string).toISOString(),
      reason: r['reason'] as string,
      note: (r['note'] as string | null) ?? null,
    }));
  }

  async create(user: AuthUser, dto: CreateStandInDto): Promise<string> {
    const personId = dto.personId ?? user.personId;
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const now = this.clock.now();
    if (endsAt <= startsAt) {
      throw fieldError(
        'endsAt',
        bilingual('代理结束时间须晚于开始时间', 'the stand-in must end after it starts'),
      );
    }
    if (endsAt <= now) {
      throw fieldError(
        'endsAt',
        bilingual('代理结束时间已过', 'the stand-in period is already over'),
      );
    }
    if (personId === dto.standInId) {
      throw fieldError(
        'standInId',
        bilingual('不能指定本人为代理人', 'one cannot stand in for oneself'),
      );
    }
    const created = await this.tx.run(async (em) => {
      const [person, standIn] = await Promise.all([
        em.findOneBy(Person, { id: personId }),
        em.findOneBy(Person, { id: dto.standInId }),
      ]);
      if (!person) throw fieldError('personId', bilingual('人员不存在', 'no such person'));
      if (!standIn) throw fieldError('standInId', bilingual('代理人不存在', 'no such person'));
      if (personId !== user.personId) {
        await this.assertAdminOf(user, person.orgUnitId);
      }
      const id = newRowId();
      await em.insert(WorkflowStandIn, {
        id,
        personId,
        standInId: dto.standInId,
        startsAt,
        endsAt,
        reason: dto.reason,
        note: dto.note ?? null,
        createdBy: user.personId,
        createdAt: now,
        revokedAt: null,
      });
      await em.insert(WorkflowAuditEntry, {
        at: now,
        actor: user.personId,
        action: 'stand-in.named',
        instanceId: null,
        taskId: null,
        detail: { id, for: personId, standIn: dto.standInId, startsAt, endsAt, reason: dto.reason },
      });
      return id;
    });
    this.lookup.forget();
    return created;
  }

  async revoke(user: AuthUser, id: string): Promise<void> {
    await this.tx.run(async (em) => {
      const row = await em.findOneBy(WorkflowStandIn, { id });
      if (!row || row.revokedAt) {
        throw new NotFound(bilingual('代理不存在或已撤销', 'no such stand-in, or it was revoked'));
      }
      if (row.personId !== user.personId && row.createdBy !== user.personId) {
        const person = await em.findOneByOrFail(Person, { id: row.personId });
        await this.assertAdminOf(user, person.orgUnitId);
      }
      const now = this.clock.now();
      await em.update(WorkflowStandIn, { id }, { revokedAt: now });
      await em.insert(WorkflowAuditEntry, {
        at: now,
        actor: user.personId,
        action: 'stand-in.revoked',
        instanceId: null,
        taskId: null,
        detail: { id, for: row.personId, standIn: row.standInId },
      });
    });
    this.lookup.forget();
  }

  private async assertAdminOf(user: AuthUser, orgUnitId: string): Promise<void> {
    try {
      await this.access.assertOnUnit(user, orgUnitId, ORG_ADMIN_ROLES);
    } catch {
      throw new Forbidden(
        bilingual(
          '只能为本人或所管辖组织的人员指定代理人',
          'you may name a stand-in only for yourself or people of the units you administer',
        ),
      );
    }
  }
}
