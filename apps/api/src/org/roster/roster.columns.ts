import type { SheetRow } from '../../common/spreadsheet.js';
import type { Gender, MemberType } from '../person.entity.js';

/** The roster sheet (花名册): one header row, then one person a row. Import and export share it. */
export const ROSTER_COLUMNS = [
  { key: 'employeeNo', header: '工号', width: 14 },
  { key: 'name', header: '姓名', width: 12 },
  { key: 'gender', header: '性别', width: 8 },
  { key: 'phone', header: '手机号', width: 16 },
  { key: 'orgUnitCode', header: '组织编码', width: 14 },
  { key: 'orgUnitName', header: '组织名称', width: 32 },
  { key: 'memberType', header: '党员类别', width: 12 },
  { key: 'joinedPartyOn', header: '入党日期', width: 14 },
  { key: 'username', header: '用户名', width: 18 },
] as const;

export type RosterKey = (typeof ROSTER_COLUMNS)[number]['key'];

export type RosterRow = SheetRow<RosterKey>;

export const SHEET_NAME = '花名册';

export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };
export const MEMBER_TYPE_LABELS: Record<MemberType, string> = {
  full: '正式党员',
  probationary: '预备党员',
};

export function headerOf(key: RosterKey): string {
  return ROSTER_COLUMNS.find((c) => c.key === key)?.header ?? key;
}
