import { type SheetError, sheetError } from '../../common/spreadsheet.js';
import { ALLOWED_PARENT_TYPES, ORG_UNIT_TYPE_LABELS, type OrgUnitType } from '../org-unit-type.js';
import type { OrgNode } from '../org-tree.writer.js';
import {
  DIRECT_BRANCH_LABEL,
  ORG_TYPE_BY_LABEL,
  orgSheetHeader,
  type OrgSheetKey,
  type OrgSheetRow,
} from './org-sheet.columns.js';

/** An existing unit as the checks see it. */
export type ExistingUnit = OrgNode;

export const ORG_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const SORT_ORDER = /^\d{1,6}$/;

/**
 * Checks every row of an org sheet against the sheet itself and the units already there, and
 * returns the units as they should be after the import (existing ones keep their ids; new ones
 * get `newId(code)`), or every problem found (row, column, reason).
 *
 * Rows are matched to existing units by 组织编码. The sheet's 学校党委 row also matches the
 * existing root when its code is new and no row names the root's code, so the university can
 * recode and rename the root unit `admin create` made.
 */
export function validateOrgSheet(
  rows: OrgSheetRow[],
  existing: ExistingUnit[],
  newId: (code: string) => string,
): { units: OrgNode[]; errors: SheetError[] } {
  const errors: SheetError[] = [];
  const bad = (row: OrgSheetRow, key: OrgSheetKey, reason: string) =>
    errors.push(sheetError(row.row, orgSheetHeader(key), reason));
  const existingByCode = new Map(existing.map((u) => [u.code, u]));
  const existingRoot = existing.find((u) => u.parentId === null);
  const sheetCodes = new Set(rows.map((r) => r.code));
  const parentCodes = new Set(rows.map((r) => r.parentCode));

  // Pass 1: each row on its own, and which unit it is.
  const firstRowOfCode = new Map<string, number>();
  const planned: { row: OrgSheetRow; node: OrgNode }[] = [];
  let universityRow: number | undefined;
  for (const row of rows) {
    const before = errors.length;
    if (!row.code) bad(row, 'code', '必填 (required)');
    else if (!ORG_CODE.test(row.code))
      bad(
        row,
        'code',
        '只能包含字母、数字、- 和 _，最多 64 位 (letters, digits, - or _, up to 64)',
      );
    else if (firstRowOfCode.has(row.code))
      bad(
        row,
        'code',
        `与第 ${firstRowOfCode.get(row.code)} 行重复 (duplicate of row ${firstRowOfCode.get(row.code)})`,
      );
    if (row.code && !firstRowOfCode.has(row.code)) firstRowOfCode.set(row.code, row.row);

    if (!row.name) bad(row, 'name', '必填 (required)');
    else if (row.name.length > 200) bad(row, 'name', '最多 200 个字符 (at most 200 characters)');

    const type = ORG_TYPE_BY_LABEL.get(row.type);
    if (!type)
      bad(
        row,
        'type',
        `应为${Object.values(ORG_UNIT_TYPE_LABELS)
          .map((l) => `“${l}”`)
          .join('、')}或“${DIRECT_BRANCH_LABEL}” (one of the org unit types)`,
      );

    if (row.sortOrder && !SORT_ORDER.test(row.sortOrder))
      bad(row, 'sortOrder', '应为非负整数或留空 (a whole number ≥ 0, or empty)');

    const adoptsRoot =
      type === 'university' &&
      !row.parentCode &&
      !existingByCode.has(row.code) &&
      existingRoot !== undefined &&
      !sheetCodes.has(existingRoot.code) &&
      !parentCodes.has(existingRoot.code);
    const match = existingByCode.get(row.code) ?? (adoptsRoot ? existingRoot : undefined);
    if (type === 'university') {
      if (universityRow !== undefined)
        bad(
          row,
          'type',
          `只能有一个学校党委，已在第 ${universityRow} 行 (only one university, see row ${universityRow})`,
        );
      else if (existingRoot && match?.id !== existingRoot.id)
        bad(
          row,
          'type',
          `已有学校党委“${existingRoot.name}”(${existingRoot.code}) (the university already exists)`,
        );
      universityRow ??= row.row;
    }
    if (match && type && match.type !== type)
      bad(
        row,
        'type',
        `已有组织的类型为“${ORG_UNIT_TYPE_LABELS[match.type]}”，导入不能更改类型 (an existing unit keeps its type)`,
      );
    if (errors.length > before || !type || firstRowOfCode.get(row.code) !== row.row) continue;
    planned.push({
      row,
      node: {
        id: match?.id ?? newId(row.code),
        code: row.code,
        name: row.name,
        type,
        parentId: match?.parentId ?? null,
        sortOrder: row.sortOrder ? Number(row.sortOrder) : (match?.sortOrder ?? -1),
      },
    });
  }

  // Pass 2: the tree the rows make together with the units not in the sheet.
  const finalById = new Map(existing.map((u) => [u.id, { ...u }]));
  for (const { node } of planned) finalById.set(node.id, node);
  const idByCode = new Map([...finalById.values()].map((u) => [u.code, u.id]));
  const typeOfCode = (code: string) => finalById.get(idByCode.get(code) ?? '')?.type;
  for (const { row, node } of planned) {
    if (!row.parentCode) {
      if (node.type !== 'university') bad(row, 'parentCode', '必填 (required)');
      node.parentId = null;
      continue;
    }
    const parentType = typeOfCode(row.parentCode);
    if (node.type === 'university') {
      bad(row, 'parentCode', '学校党委没有上级组织，应留空 (the university has no parent)');
    } else if (row.parentCode === row.code) {
      bad(row, 'parentCode', '不能是本组织自己 (a unit cannot be its own parent)');
    } else if (!parentType) {
      // A parent whose own row is bad is reported on that row.
      if (!sheetCodes.has(row.parentCode))
        bad(row, 'parentCode', `组织编码 ${row.parentCode} 不存在 (no org unit with this code)`);
    } else if (!ALLOWED_PARENT_TYPES[node.type].includes(parentType)) {
      bad(row, 'type', placement(node.type, parentType));
    } else if (row.type === DIRECT_BRANCH_LABEL && parentType !== 'university') {
      bad(
        row,
        'type',
        '直属党支部只能设在学校党委之下 (a direct branch sits under the university)',
      );
    }
    node.parentId = idByCode.get(row.parentCode) ?? null;
  }
  for (const { row, node } of planned) {
    const cycle = cycleThrough(node.id, finalById);
    if (cycle)
      bad(row, 'parentCode', `上级组织形成循环：${cycle.join(' → ')} (the parents form a cycle)`);
  }

  // New units without 排序 go after their siblings, in sheet order.
  const lastSortOrder = new Map<string | null, number>();
  for (const unit of finalById.values()) {
    const key = unit.parentId;
    lastSortOrder.set(key, Math.max(lastSortOrder.get(key) ?? -1, unit.sortOrder));
  }
  for (const { node } of planned) {
    if (node.sortOrder >= 0) continue;
    node.sortOrder = (lastSortOrder.get(node.parentId) ?? -1) + 1;
    lastSortOrder.set(node.parentId, node.sortOrder);
  }

  errors.sort((a, b) => a.row - b.row);
  return { units: planned.map((p) => p.node), errors };
}

function placement(type: OrgUnitType, parentType: OrgUnitType): string {
  return `${ORG_UNIT_TYPE_LABELS[type]}不能设在${ORG_UNIT_TYPE_LABELS[parentType]}之下 (a ${type} cannot sit under a ${parentType})`;
}

/** The codes around the cycle `id` sits on, starting and ending with its own; undefined if none. */
function cycleThrough(id: string, units: Map<string, OrgNode>): string[] | undefined {
  const codes = [units.get(id)!.code];
  const seen = new Set([id]);
  let current = units.get(id)?.parentId;
  while (current) {
    const unit = units.get(current);
    if (!unit) return undefined;
    codes.push(unit.code);
    if (current === id) return codes;
    if (seen.has(current)) return undefined;
    seen.add(current);
    current = unit.parentId;
  }
  return undefined;
}
