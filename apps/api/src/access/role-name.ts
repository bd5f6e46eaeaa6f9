/** Roles a person holds on an org unit; a role reaches the unit's whole subtree (DOMAIN.md §1). */
export const ROLE_NAMES = [
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

export type RoleName = (typeof ROLE_NAMES)[number];

export const ROLE_LABELS: Record<RoleName, string> = {
  od_admin: '组织部管理员',
  committee_secretary: '党委书记',
  committee_deputy: '党委副书记',
  organizer: '专职组织员',
  branch_secretary: '党支部书记',
  branch_committee: '支委',
  member: '党员',
  inspector: '督查人员',
  leader: '党员校领导',
};

/** Committee leadership: approves plans, supervises on site, designs the month. */
export const COMMITTEE_ROLES: RoleName[] = ['committee_secretary', 'committee_deputy', 'organizer'];

/** Roles that manage org units and people within their subtree. */
export const ORG_ADMIN_ROLES: RoleName[] = ['od_admin', ...COMMITTEE_ROLES, 'branch_secretary'];

/** Roles that may read org units and people within their subtree (everyone but plain members). */
export const ORG_READ_ROLES: RoleName[] = [
  ...ORG_ADMIN_ROLES,
  'branch_committee',
  'inspector',
  'leader',
];

/**
 * Roles that reach the records of units above branches only: on a branch (or its groups) they
 * see the unit, not its plans, instances, history or files (see AccessService.recordReadRoles).
 */
export const ABOVE_BRANCH_RECORD_ROLES: readonly RoleName[] = ['inspector'];

/** Unit types whose records are a branch's records. */
export const BRANCH_LEVEL_TYPES = ['branch', 'group'] as const;

export function isRoleName(value: string): value is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(value);
}
