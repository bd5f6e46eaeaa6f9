import type { MemberType, Gender } from '../person.entity.js';
import {
  GENDER_LABELS,
  headerOf,
  MEMBER_TYPE_LABELS,
  type RosterKey,
  type RosterRow,
} from './roster.columns.js';
import { type SheetError, sheetError } from '../../common/spreadsheet.js';

/** A row that passed every check, in the shape the importer writes. */
export interface RosterRecord {
  row: number;
  employeeNo: string;
  name: string;
  gender: Gender | null;
  phone: string | null;
  orgUnitId: string;
  memberType: MemberType | null;
  joinedPartyOn: string | null;
  username: string | null;
}

/** What the checks need to know from the database and the caller's rights. */
export interface RosterLookup {
  unitsByCode: Map<string, { id: string; name: string; manageable: boolean }>;
  /** Existing people by 工号: their unit (manageable by the caller?) and current username. */
  peopleByEmployeeNo: Map<string, { id: string; manageable: boolean }>;
  /** Person id owning each existing username (lower-cased). */
  usernameOwners: Map<string, string>;
  /** Today in China (`YYYY-MM-DD`): no one joined the Party after it. */
  today: string;
}

const EMPLOYEE_NO = /^[A-Za-z0-9_-]{1,32}$/;
const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
const PHONE = /^[0-9+\- ]{5,32}$/;
const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** Checks every row; returns the records, or every problem found (row, column, reason). */
export function validateRoster(
  rows: RosterRow[],
  lookup: RosterLookup,
): { records: RosterRecord[]; errors: SheetError[] } {
  const errors: SheetError[] = [];
  const records: RosterRecord[] = [];
  const seenEmployeeNo = new Map<string, number>();
  const seenUsername = new Map<string, number>();

  for (const row of rows) {
    const bad = (key: RosterKey, reason: string) =>
      errors.push(sheetError(row.row, headerOf(key), reason));
    const before = errors.length;

    if (!row.employeeNo) bad('employeeNo', '必填 (required)');
    else if (!EMPLOYEE_NO.test(row.employeeNo))
      bad(
        'employeeNo',
        '只能包含字母、数字、- 和 _，最多 32 位 (letters, digits, - or _, up to 32)',
      );
    else if (seenEmployeeNo.has(row.employeeNo))
      bad(
        'employeeNo',
        `与第 ${seenEmployeeNo.get(row.employeeNo)} 行重复 (duplicate of row ${seenEmployeeNo.get(row.employeeNo)})`,
      );
    else if (lookup.peopleByEmployeeNo.get(row.employeeNo)?.manageable === false)
      bad(
        'employeeNo',
        '该人员属于您无权管理的组织 (this person belongs to an org unit you do not manage)',
      );
    if (row.employeeNo)
      seenEmployeeNo.set(row.employeeNo, seenEmployeeNo.get(row.employeeNo) ?? row.row);

    if (!row.name) bad('name', '必填 (required)');
    else if (row.name.length > 100) bad('name', '最多 100 个字符 (at most 100 characters)');

    const gender = parseLabel(row.gender, GENDER_LABELS);
    if (gender === undefined) bad('gender', '应为“男”或“女”或留空 (男, 女 or empty)');

    if (row.phone && !PHONE.test(row.phone))
      bad('phone', '手机号格式不正确 (5-32 digits, spaces, + or -)');

    const unit = lookup.unitsByCode.get(row.orgUnitCode);
    if (!row.orgUnitCode) bad('orgUnitCode', '必填 (required)');
    else if (!unit)
      bad('orgUnitCode', `组织编码 ${row.orgUnitCode} 不存在 (no org unit with this code)`);
    else if (!unit.manageable)
      bad('orgUnitCode', '您无权管理该组织 (you do not manage this org unit)');
    if (unit && row.orgUnitName && row.orgUnitName !== unit.name) {
      bad('orgUnitName', `与组织编码不符，应为“${unit.name}” (does not match the code)`);
    }

    const memberType = parseLabel(row.memberType, MEMBER_TYPE_LABELS);
    if (memberType === undefined)
      bad('memberType', '应为“正式党员”或“预备党员”或留空 (正式党员, 预备党员 or empty)');

    const joinedPartyOn = parseDate(row.joinedPartyOn);
    if (joinedPartyOn === undefined)
      bad('joinedPartyOn', '日期格式应为 YYYY-MM-DD (a date such as 2020-07-01)');
    else if (joinedPartyOn && joinedPartyOn > lookup.today)
      bad(
        'joinedPartyOn',
        `入党日期不能晚于今天（${lookup.today}） (cannot be later than today, ${lookup.today})`,
      );

    const username = row.username || null;
    if (username) {
      const key = username.toLowerCase();
      const owner = lookup.usernameOwners.get(key);
      const self = lookup.peopleByEmployeeNo.get(row.employeeNo)?.id;
      if (!USERNAME.test(username))
        bad('username', '3-64 位字母、数字、_ . - (3-64 letters, digits, _ . -)');
      else if (seenUsername.has(key))
        bad(
          'username',
          `与第 ${seenUsername.get(key)} 行重复 (duplicate of row ${seenUsername.get(key)})`,
        );
      else if (owner && owner !== self)
        bad('username', '用户名已被其他人使用 (username taken by another person)');
      seenUsername.set(key, seenUsername.get(key) ?? row.row);
    }

    if (
      errors.length === before &&
      unit &&
      gender !== undefined &&
      memberType !== undefined &&
      joinedPartyOn !== undefined
    ) {
      records.push({
        row: row.row,
        employeeNo: row.employeeNo,
        name: row.name,
        gender,
        phone: row.phone || null,
        orgUnitId: unit.id,
        memberType,
        joinedPartyOn,
        username,
      });
    }
  }
  return { records, errors };
}

/** '' → null, a known label → its key, anything else → undefined (an error). */
function parseLabel<K extends string>(
  text: string,
  labels: Record<K, string>,
): K | null | undefined {
  if (!text) return null;
  const entry = (Object.entries(labels) as [K, string][]).find(([, label]) => label === text);
  return entry ? entry[0] : undefined;
}

function parseDate(text: string): string | null | undefined {
  if (!text) return null;
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}
