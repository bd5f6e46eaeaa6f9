import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RoleName } from '../access/role-name.js';

export interface HeldRole {
  role: RoleName;
  orgUnitId: string;
}

/** How long one process trusts a person's roles as read; another process's changes show within this. */
export const ROLES_FRESH_MS = 2_000;
const MAX_PEOPLE = 10_000;

/**
 * Each person's role assignments for the request guard, read from the database at most once
 * per `ROLES_FRESH_MS`: it saves every request a round trip. A change made through this process
 * (grant, revoke, roster import, deactivation) is seen by its next request; one made through
 * another API process sharing the database within `ROLES_FRESH_MS`.
 */
@Injectable()
export class PersonRoles {
  /** `roles: null`: the person has no active account (deactivated, deleted, never had one). */
  private readonly read = new Map<string, { roles: HeldRole[] | null; until: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(personId: string): Promise<HeldRole[]> {
    return (await this.ofActive(personId)) ?? [];
  }

  /** The roles of a person whose account is active; null when it is deactivated or gone. */
  async ofActive(personId: string): Promise<HeldRole[] | null> {
    const now = performance.now();
    const known = this.read.get(personId);
    if (known && known.until > now) return known.roles;
    const rows = await this.db.query<{ role: RoleName | null; orgUnitId: string | null }[]>(
      `SELECT r.role, r.org_unit_id AS "orgUnitId"
         FROM account a LEFT JOIN role_assignment r ON r.person_id = a.person_id
        WHERE a.person_id = $1 AND a.deactivated_at IS NULL`,
      [personId],
    );
    const roles =
      rows.length === 0
        ? null
        : rows.flatMap((r) =>
            r.role && r.orgUnitId ? [{ role: r.role, orgUnitId: r.orgUnitId }] : [],
          );
    this.read.delete(personId);
    if (this.read.size >= MAX_PEOPLE) this.read.delete(this.read.keys().next().value as string);
    this.read.set(personId, { roles, until: now + ROLES_FRESH_MS });
    return roles;
  }

  /** After a change to someone's roles or account; without an id, after a change to anyone's. */
  forget(personId?: string): void {
    if (personId === undefined) this.read.clear();
    else this.read.delete(personId);
  }
}
