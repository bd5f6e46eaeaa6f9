import { InvalidInput, Conflict } from '../common/errors.js';
import { localDay } from '../common/time-zone.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../auth/password.hasher.js';
import { assertPasswordAllowed } from '../auth/password-policy.js';
import { newRowId } from '../database/row-id.js';
import { Transactions } from '../database/transactions.js';
import { SecurityEvents } from '../security-events/security-events.service.js';

export interface NewAdministrator {
  username: string;
  name: string;
  password: string;
  /** Names the root unit (学校党委) when the database has none yet; refused when it has one. */
  orgName?: string;
  /** The root unit's 组织编码 when it is created (default UNIV). */
  orgCode?: string;
}

export interface CreatedAdministrator {
  personId: string;
  rootUnitId: string;
  rootUnitName: string;
  /** True when the root unit was created too (an empty database). */
  createdRoot: boolean;
}

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;

const refuse = (field: string, message: string) =>
  new InvalidInput(`${field}: ${message}`, { errors: [{ field, message }] });

/**
 * The Organization Department administrator (组织部管理员) of an installation, created from the
 * command line or the first start's environment: the first one, or another one later.
 */
@Injectable()
export class AdministratorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly hasher: PasswordHasher,
    private readonly events: SecurityEvents,
  ) {}

  async hasAdministrator(): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM role_assignment r JOIN account a ON a.person_id = r.person_id
        WHERE r.role = 'od_admin' AND a.deactivated_at IS NULL LIMIT 1`,
    );
    return rows.length > 0;
  }

  async create(input: NewAdministrator): Promise<CreatedAdministrator> {
    const username = input.username.trim();
    const name = input.name.trim();
    if (!USERNAME.test(username)) {
      throw refuse(
        'username',
        '用户名须为 3–64 个字母、数字或 _ . - (3-64 letters, digits, _ . -)',
      );
    }
    if (!name || name.length > 100) throw refuse('name', '姓名须为 1–100 个字符');
    assertPasswordAllowed(input.password, username, 'password');
    const passwordHash = await this.hasher.hash(input.password);
    return this.transactions.run(async (tx) => {
      const taken = await tx.query<unknown[]>(
        `SELECT 1 FROM account WHERE lower(username) = lower($1)
         UNION ALL SELECT 1 FROM person WHERE employee_no = $2`,
        [username, username.slice(0, 32)],
      );
      if (taken.length > 0) {
        throw new Conflict(`用户名 ${username} 已被使用（用户名不区分大小写）。`, {
          errors: [{ field: 'username', message: `用户名 ${username} 已被使用` }],
        });
      }
      let [root] = await tx.query<{ id: string; name: string }[]>(
        `SELECT id, name FROM org_unit WHERE parent_id IS NULL`,
      );
      const createdRoot = !root;
      if (root && input.orgName !== undefined) {
        throw refuse(
          'org-name',
          `已有学校党委“${root.name}”，只有空数据库才需要 --org-name (the root unit exists)`,
        );
      }
      if (!root) {
        const orgName = input.orgName?.trim();
        if (!orgName || orgName.length > 200) {
          throw refuse(
            'org-name',
            '数据库为空：请用 --org-name 给出学校党委的名称 (the database is empty)',
          );
        }
        const id = newRowId();
        await tx.query(
          `INSERT INTO org_unit (id, code, name, type, parent_id, path, depth)
           VALUES ($1, $2, $3, 'university', NULL, $4, 0)`,
          [id, input.orgCode?.trim() || 'UNIV', orgName, `/${id}/`],
        );
        root = { id, name: orgName };
      }
      const personId = newRowId();
      await tx.query(
        `INSERT INTO person (id, employee_no, name, org_unit_id) VALUES ($1, $2, $3, $4)`,
        [personId, username.slice(0, 32), name, root.id],
      );
      await tx.query(
        `INSERT INTO org_membership (person_id, org_unit_id, from_on) VALUES ($1, $2, $3)`,
        [personId, root.id, localDay(new Date())],
      );
      await tx.query(
        `INSERT INTO account (person_id, username, password_hash, password_changed_at)
         VALUES ($1, $2, $3, now())`,
        [personId, username, passwordHash],
      );
      await tx.query(
        `INSERT INTO role_assignment (id, person_id, role, org_unit_id) VALUES ($1, $2, 'od_admin', $3)`,
        [newRowId(), personId, root.id],
      );
      await this.events.record(
        {
          kind: 'administrator_created',
          subject: { personId, username },
          detail: createdRoot ? `with the root unit ${root.name}` : null,
        },
        tx,
      );
      return { personId, rootUnitId: root.id, rootUnitName: root.name, createdRoot };
    });
  }
}
