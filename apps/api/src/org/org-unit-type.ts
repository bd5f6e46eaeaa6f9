/** Org unit types (DOMAIN.md §1). A 直属党支部 is a `branch` with `direct = true`: it is also a committee. */
export const ORG_UNIT_TYPES = ['university', 'committee', 'branch', 'group'] as const;

export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

export const ORG_UNIT_TYPE_LABELS: Record<OrgUnitType, string> = {
  university: '学校党委',
  committee: '基层党委',
  branch: '党支部',
  group: '党小组',
};

/** Which parent types each type may sit under; a direct branch sits under the university. */
export const ALLOWED_PARENT_TYPES: Record<OrgUnitType, OrgUnitType[]> = {
  university: [],
  committee: ['university'],
  branch: ['committee', 'university'],
  group: ['branch'],
};
