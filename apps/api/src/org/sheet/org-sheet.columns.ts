import type { SheetRow } from '../../common/spreadsheet.js';
import { ORG_UNIT_TYPE_LABELS, type OrgUnitType } from '../org-unit-type.js';

/** The org sheet (组织架构): one header row, then one org unit a row, parents before children. */
export const ORG_SHEET_COLUMNS = [
  { key: 'code', header: '组织编码', width: 16 },
  { key: 'name', header: '组织名称', width: 36 },
  { key: 'parentCode', header: '上级组织编码', width: 16 },
  { key: 'type', header: '组织类型', width: 12 },
  { key: 'sortOrder', header: '排序', width: 8 },
] as const;

export type OrgSheetKey = (typeof ORG_SHEET_COLUMNS)[number]['key'];
export type OrgSheetRow = SheetRow<OrgSheetKey>;

export const ORG_SHEET_NAME = '组织架构';

/** A branch directly under the university is written 直属党支部 (DOMAIN.md §1). */
export const DIRECT_BRANCH_LABEL = '直属党支部';

/** What 组织类型 may say: the labels, DOMAIN.md's other names for a committee, and 直属党支部. */
export const ORG_TYPE_BY_LABEL: ReadonlyMap<string, OrgUnitType> = new Map([
  ...(Object.entries(ORG_UNIT_TYPE_LABELS) as [OrgUnitType, string][]).map(
    ([type, label]) => [label, type] as const,
  ),
  ['党总支', 'committee'],
  ['二级党组织', 'committee'],
  [DIRECT_BRANCH_LABEL, 'branch'],
]);

export function orgSheetHeader(key: OrgSheetKey): string {
  return ORG_SHEET_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

export function orgTypeLabel(type: OrgUnitType, direct: boolean): string {
  return direct ? DIRECT_BRANCH_LABEL : ORG_UNIT_TYPE_LABELS[type];
}
