import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Who stands in for a person at a moment (代理), read in the caller's transaction. */
@Injectable()
export class StandInLookup {
  /** The stand-in of `personId` at `at`, or null; a stand-in's own stand-in is not followed. */
  private async of(em: EntityManager, personId: string, at: Date): Promise<string | null> {
    if (!UUID.test(personId)) return null;
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
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
