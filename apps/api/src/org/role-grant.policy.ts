import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { OrgUnitType } from './org-unit-type.js';

/** Who may grant or revoke each role (held on the target unit or above). */
export const GRANTERS: Record<RoleName, RoleName[]> = {
  od_admin: ['od_admin'],
  committee_secretary: ['od_admin'],
  committee_deputy: ['od_admin'],
  organizer: ['od_admin'],
  inspector: ['od_admin'],
  leader: ['od_admin'],
  branch_secretary: ['od_admin', ...COMMITTEE_ROLES],
  branch_committee: ['od_admin', ...COMMITTEE_ROLES, 'branch_secretary'],
  member: ['od_admin', ...COMMITTEE_ROLES, 'branch_secretary'],
};

/** Which unit types each role may be held on; `direct` branches count as committees too. */
const ROLE_UNIT_TYPES: Record<RoleName, OrgUnitType[]> = {
  od_admin: ['university'],
  committee_secretary: ['university', 'committee'],
  committee_deputy: ['university', 'committee'],
  organizer: ['university', 'committee'],
  branch_secretary: ['branch'],
  branch_committee: ['branch'],
  member: ['branch', 'group'],
  inspector: ['university', 'committee'],
  leader: ['university', 'committee', 'branch'],
};

export function roleFitsUnit(
  role: RoleName,
  unit: { type: OrgUnitType; direct: boolean },
): boolean {
  const types = ROLE_UNIT_TYPES[role];
  return types.includes(unit.type) || (unit.direct && types.includes('committee'));
}
