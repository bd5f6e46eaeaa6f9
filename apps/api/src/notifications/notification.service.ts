import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Forbidden, NotFound } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { bilingual } from '../common/locale.js';
import { NotificationBus } from './notification.bus.js';
import type { NotificationSettingsDto, RobotDto } from './notification.dto.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification.options.js';
import type {
  NotificationListResponse,
  NotificationSettingsResponse,
  RobotResponse,
} from './notification.response.js';

/** Who registers a unit's group robots: OD, the committee's leaders, the branch secretary. */
const ROBOT_KEEPERS: RoleName[] = ['od_admin', ...COMMITTEE_ROLES, 'branch_secretary'];

/** A person's own notifications and settings; units' group robots. */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly bus: NotificationBus,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, page: number, pageSize: number): Promise<NotificationListResponse> {
    const items = await this.db.query<NotificationListResponse['items']>(
      `SELECT id, kind, title, body, link, created_at AS "createdAt", read_at AS "readAt"
         FROM notification WHERE person_id = $1
        ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [user.personId, pageSize, (page - 1) * pageSize],
    );
    const [counts] = await this.db.query<{ total: number; unread: number }[]>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notification WHERE person_id = $1`,
      [user.personId],
    );
    return { items, total: counts?.total ?? 0, unread: counts?.unread ?? 0, page, pageSize };
  }

  async unread(personId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification WHERE person_id = $1 AND read_at IS NULL`,
      [personId],
    );
    return row?.n ?? 0;
  }

  async markRead(user: AuthUser, id: string): Promise<void> {
    // an UPDATE answers [rows, affected count]
    const [, affected] = await this.db.query<[unknown[], number]>(
      `UPDATE notification SET read_at = COALESCE(read_at, $3)
        WHERE id = $1 AND person_id = $2`,
      [id, user.personId, this.clock.now()],
    );
    if (affected === 0)
      throw new NotFound(bilingual('通知不存在', `notification ${id} does not exist`));
    this.bus.changed([user.personId]);
  }

  async markAllRead(user: AuthUser): Promise<void> {
    await this.db.query(
      `UPDATE notification SET read_at = $2 WHERE person_id = $1 AND read_at IS NULL`,
      [user.personId, this.clock.now()],
    );
    this.bus.changed([user.personId]);
  }

  async settings(user: AuthUser): Promise<NotificationSettingsResponse> {
    const [row] = await this.db.query<
      { email: string | null; emailKinds: string[]; digest: boolean }[]
    >(
      `SELECT email, email_kinds AS "emailKinds", digest FROM notification_setting WHERE person_id = $1`,
      [user.personId],
    );
    return {
      email: row?.email ?? null,
      emailKinds: (row?.emailKinds ?? []) as NotificationSettingsResponse['emailKinds'],
      digest: row?.digest ?? false,
      emailAvailable: this.options.smtp !== undefined,
    };
  }

  async saveSettings(
    user: AuthUser,
    dto: NotificationSettingsDto,
  ): Promise<NotificationSettingsResponse> {
    await this.db.query(
      `INSERT INTO notification_setting (person_id, email, email_kinds, digest)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id) DO UPDATE
         SET email = EXCLUDED.email, email_kinds = EXCLUDED.email_kinds, digest = EXCLUDED.digest`,
      [user.personId, dto.email ?? null, [...new Set(dto.emailKinds)], dto.digest],
    );
    return this.settings(user);
  }

  async robots(user: AuthUser, orgUnitId: string): Promise<RobotResponse[]> {
    await this.access.assertRole(user, orgUnitId, ROBOT_KEEPERS);
    return this.db.query<RobotResponse[]>(
      `SELECT id, org_unit_id AS "orgUnitId", provider, name, kinds, secret IS NOT NULL AS signed,
              created_at AS "createdAt"
         FROM group_robot WHERE org_unit_id = $1 ORDER BY created_at`,
      [orgUnitId],
    );
  }

  async addRobot(user: AuthUser, orgUnitId: string, dto: RobotDto): Promise<RobotResponse> {
    await this.access.assertRole(user, orgUnitId, ROBOT_KEEPERS);
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO group_robot (org_unit_id, provider, name, webhook_url, secret, kinds, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        orgUnitId,
        dto.provider,
        dto.name,
        dto.webhookUrl,
        dto.secret || null,
        [...new Set(dto.kinds)],
        user.personId,
        this.clock.now(),
      ],
    );
    return (await this.robots(user, orgUnitId)).find((r) => r.id === row!.id)!;
  }

  async removeRobot(user: AuthUser, id: string): Promise<void> {
    const [robot] = await this.db.query<{ orgUnitId: string }[]>(
      `SELECT org_unit_id AS "orgUnitId" FROM group_robot WHERE id = $1`,
      [id],
    );
    if (!robot) throw new NotFound(bilingual('机器人不存在', `robot ${id} does not exist`));
    if (!(await this.access.hasRole(user, robot.orgUnitId, ROBOT_KEEPERS))) {
      throw new Forbidden(
        bilingual('您无权管理该单位的群机器人', 'you may not manage this unit’s robots'),
      );
    }
    await this.db.query(`DELETE FROM group_robot WHERE id = $1`, [id]);
  }
}
