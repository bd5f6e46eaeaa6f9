import type { EntityManager } from 'typeorm';
import { OrgMembership } from './membership.entity.js';

/**
 * Writes the membership history: every command that sets a person's home unit (creating a
 * person, the roster import, a transfer) goes through here, in the command's transaction.
 */
export async function moveMembership(
  em: EntityManager,
  personId: string,
  orgUnitId: string,
  on: string,
): Promise<void> {
  const current = await openMembership(em, personId);
  if (current?.orgUnitId === orgUnitId) return;
  if (current) {
    // Left on the day it began (a same-day correction of the unit): the stretch never counted.
    if (current.fromOn >= on) await em.delete(OrgMembership, { id: current.id });
    else await em.update(OrgMembership, { id: current.id }, { toOn: on });
  }
  await em.insert(OrgMembership, { personId, orgUnitId, fromOn: on, toOn: null });
}

/** The person's current (open) membership, if any. */
export function openMembership(
  em: EntityManager,
  personId: string,
): Promise<OrgMembership | null> {
  return em
    .getRepository(OrgMembership)
    .createQueryBuilder('m')
    .where('m.person_id = :personId AND m.to_on IS NULL', { personId })
    .getOne();
}
