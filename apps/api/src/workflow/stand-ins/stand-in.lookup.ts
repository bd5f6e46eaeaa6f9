import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HeldRole } from '../../auth/person-roles.js';

/** Someone a person stands in for now, with the roles whose pooled work the stand-in may take. */
export interface Principal {
  personId: string;
  roles: HeldRole[];
}

/** An arrangement not revoked, as the process last read it. */
interface Arrangement {
  personId: string;
  standInId: string;
  startsAt: number;
  endsAt: number;
}

/**
 * How long this process trusts its list of arrangements. Every task created for a named person
 * and every inbox page asks whether a stand-in is in force, and almost always none is: the list
 * answers that without a query. Changes made through this process are seen at once (`forget`),
 * those made through another API process within this time.
 */
const ARRANGEMENTS_FRESH_MS = 1_000;

/** Who stands in for a person at a moment (代理), read in the caller's transaction. */
@Injectable()
export class StandInLookup {
  private known: { readAt: number; from: number; arrangements: Arrangement[] } | null = null;

  /** Drops the list of arrangements, after a change to them has committed. */
  forget(): void {
    this.known = null;
  }

  /** The arrangements in force at `at`. */
  private async inForce(db: Pick<EntityManager, 'query'>, at: Date): Promise<Arrangement[]> {
    const wall = Date.now();
    const time = at.getTime();
    if (!this.known || wall - this.known.readAt >= ARRANGEMENTS_FRESH_MS || time < this.known.from) {
      const rows = (await db.query(
        `SELECT person_id, stand_in_id, starts_at, ends_at FROM wf_stand_in
          WHERE revoked_at IS NULL AND ends_at > $1`,
        [at],
      )) as { person_id: string; stand_in_id: string; starts_at: Date; ends_at: Date }[];
      this.known = {
        readAt: wall,
        from: time,
        arrangements: rows.map((r) => ({
          personId: r.person_id,
          standInId: r.stand_in_id,
          startsAt: new Date(r.starts_at).getTime(),
          endsAt: new Date(r.ends_at).getTime(),
        })),
      };
    }
    return this.known.arrangements.filter((a) => a.startsAt <= time && a.endsAt > time);
  }

  /** The stand-in of `personId` at `at`, or null; a stand-in's own stand-in is not followed. */
  private async of(em: EntityManager, personId: string, at: Date): Promise<string | null> {
    if (!UUID.test(personId)) return null;
    if (!(await this.inForce(em, at)).some((a) => a.personId === personId)) return null;
    const [row] = (await em.query(
      `SELECT stand_in_id FROM wf_stand_in
        WHERE person_id = $1 AND revoked_at IS NULL AND starts_at <= $2 AND ends_at > $2
        ORDER BY created_at DESC LIMIT 1`,
      [personId, at],
    )) as { stand_in_id: string }[];
    return row?.stand_in_id ?? null;
  }

  /** Whom work meant for `personId` goes to at `at`: their stand-in on their behalf, or themselves. */
  async assignment(
    em: EntityManager,
    personId: string,
    at: Date,
  ): Promise<{ assignee: string; onBehalfOf: string | null }> {
    const standIn = await this.of(em, personId, at);
    return standIn
      ? { assignee: standIn, onBehalfOf: personId }
      : { assignee: personId, onBehalfOf: null };
  }

  /**
   * The people `standInId` stands in for at `at` (active accounts only), with their roles: the
   * stand-in may take their pooled work (可认领) as well as what is assigned to them by name.
   */
  async principalsOf(
    db: Pick<EntityManager, 'query'>,
    standInId: string,
    at: Date,
  ): Promise<Principal[]> {
    if (!UUID.test(standInId)) return [];
    if (!(await this.inForce(db, at)).some((a) => a.standInId === standInId)) return [];
    const rows = (await db.query(
      `SELECT s.person_id AS "personId", r.role, r.org_unit_id AS "orgUnitId"
         FROM wf_stand_in s
         JOIN account a ON a.person_id = s.person_id AND a.deactivated_at IS NULL
         LEFT JOIN role_assignment r ON r.person_id = s.person_id
        WHERE s.stand_in_id = $1 AND s.revoked_at IS NULL AND s.starts_at <= $2 AND s.ends_at > $2`,
      [standInId, at],
    )) as { personId: string; role: HeldRole['role'] | null; orgUnitId: string | null }[];
    const principals = new Map<string, Principal>();
    for (const row of rows) {
      const principal = principals.get(row.personId) ?? { personId: row.personId, roles: [] };
      if (row.role && row.orgUnitId)
        principal.roles.push({ role: row.role, orgUnitId: row.orgUnitId });
      principals.set(row.personId, principal);
    }
    return [...principals.values()];
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
