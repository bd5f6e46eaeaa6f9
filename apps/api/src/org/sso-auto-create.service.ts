import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFound, Conflict } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { bilingual } from '../common/locale.js';
import { Transactions } from '../database/transactions.js';
import { SecurityEvents } from '../security-events/security-events.service.js';
import { OrgUnit } from './org-unit.entity.js';
import type { OrgUnitDto, SsoAutoCreateDto } from './org-unit.dto.js';
import { toOrgUnitDto } from './org-unit.service.js';

/**
 * 统一身份认证自动建档, the Organization Department's side: turning it on for a unit (with the
 * campus unit code whose unknown people are created there; sso/sso-people.ts creates them), and
 * confirming a person so created. Both are security events.
 */
@Injectable()
export class SsoAutoCreateService {
  constructor(
    private readonly access: AccessService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly events: SecurityEvents,
  ) {}

  async set(
    user: AuthUser,
    unitId: string,
    dto: SsoAutoCreateDto,
    ip: string,
  ): Promise<OrgUnitDto> {
    await this.access.assertRole(user, unitId, ['od_admin']);
    const code = dto.enabled ? (dto.campusUnitCode ?? null) : null;
    const unit = await this.transactions.run(async (tx) => {
      if (code) {
        const [other] = await tx.query<{ name: string }[]>(
          `SELECT name FROM org_unit WHERE sso_campus_unit_code = $1 AND id <> $2`,
          [code, unitId],
        );
        if (other) {
          const message = `统一身份认证单位编码 ${code} 已用于 ${other.name}`;
          throw new Conflict(
            bilingual(message, `campus unit code ${code} is already used by ${other.name}`),
            { errors: [{ field: 'campusUnitCode', message }] },
          );
        }
      }
      await tx.query(`UPDATE org_unit SET sso_campus_unit_code = $2 WHERE id = $1`, [unitId, code]);
      const saved = await tx.getRepository(OrgUnit).findOneByOrFail({ id: unitId });
      await this.events.record(
        {
          kind: 'sso_auto_create_changed',
          actor: user,
          ip,
          detail: code
            ? `开启统一身份认证自动建档：${saved.name}（${saved.code}）← 统一身份认证单位 ${code}`
            : `关闭统一身份认证自动建档：${saved.name}（${saved.code}）`,
        },
        tx,
      );
      return saved;
    });
    return toOrgUnitDto(unit);
  }

  /** The OD confirms a person created by campus sign-in: the record becomes an ordinary one. */
  async confirm(user: AuthUser, personId: string, ip: string): Promise<void> {
    const [person] = await this.db.query<
      { orgUnitId: string; name: string; employeeNo: string; pending: boolean }[]
    >(
      `SELECT org_unit_id AS "orgUnitId", name, employee_no AS "employeeNo",
              sso_created_at IS NOT NULL AS pending
         FROM person WHERE id = $1`,
      [personId],
    );
    if (!person) throw new NotFound(bilingual('人员不存在', `Person ${personId} does not exist`));
    await this.access.assertRole(user, person.orgUnitId, ['od_admin']);
    if (!person.pending) {
      throw new Conflict(
        bilingual(
          `${person.name} 不是待确认的自动建档人员`,
          `${person.name} is not awaiting confirmation of an auto-created record`,
        ),
      );
    }
    await this.transactions.run(async (tx) => {
      await tx.query(`UPDATE person SET sso_created_at = NULL WHERE id = $1`, [personId]);
      await this.events.record(
        {
          kind: 'sso_person_confirmed',
          actor: user,
          subject: { personId },
          ip,
          detail: `确认统一身份认证自动建档：${person.name}（工号 ${person.employeeNo}）`,
        },
        tx,
      );
    });
  }
}
