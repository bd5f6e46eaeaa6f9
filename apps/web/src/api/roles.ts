export const ROLES = [
  'od_admin',
  'committee_secretary',
  'committee_deputy',
  'organizer',
  'branch_secretary',
  'branch_committee',
  'member',
  'inspector',
  'leader',
] as const;

export type Role = (typeof ROLES)[number];

/** Committee leaders: approve plans, supervise on site. */
export const COMMITTEE_ROLES: Role[] = ['committee_secretary', 'committee_deputy', 'organizer'];
/** Who approves monthly plans: OD (for 直属党支部) and committee leadership. */
export const PLAN_APPROVERS: Role[] = ['od_admin', ...COMMITTEE_ROLES];
/** People who run a branch's session. */
export const BRANCH_ROLES: Role[] = ['branch_secretary', 'branch_committee'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
