import type { MeetingType } from './forms';
import { request } from './request';
import { pathOf } from './typed';

export interface RequirementCheck {
  requirement: string;
  window: string;
  dueBy: string;
  have: number;
  need: number;
  status: 'met' | 'due' | 'missed';
  personId?: string;
}

export interface MemberLedgerRow {
  personId: string;
  name: string;
  orgUnitId: string;
  exchangeSpeeches: number;
  microLectures: number;
  reports: number;
  vanguardComments: number;
  attended: number;
  attendanceRecords: number;
  attendanceRate: number | null;
  shortfalls: RequirementCheck[];
}

export interface BranchLedgerRow {
  branchId: string;
  name: string;
  committeeId: string;
  qualifiedSessions: number;
  meetings: Record<MeetingType, number>;
  themeDays: number;
  expertLectures: number;
  secretaryLectures: number;
  committeeMemberLectures: number;
  shortfalls: RequirementCheck[];
}

export interface LecturerLedgerRow {
  personId: string;
  name: string;
  lectures: number;
  shortfalls: RequirementCheck[];
}

export interface LedgerView<R> {
  year: number;
  asOf: string;
  rows: R[];
}

export interface LedgerQuery {
  year?: number;
  orgUnitId?: string;
}

export function memberLedger(query: LedgerQuery) {
  return request.get<LedgerView<MemberLedgerRow>>(pathOf('/ledger/members'), { ...query });
}

export function branchLedger(query: LedgerQuery) {
  return request.get<LedgerView<BranchLedgerRow>>(pathOf('/ledger/branches'), { ...query });
}

export function secretaryLedger(query: LedgerQuery) {
  return request.get<LedgerView<LecturerLedgerRow>>(pathOf('/ledger/secretaries'), { ...query });
}

export function leaderLedger(query: LedgerQuery) {
  return request.get<LedgerView<LecturerLedgerRow>>(pathOf('/ledger/leaders'), { ...query });
}

export function exportLedger(query: LedgerQuery) {
  return request.get<Blob>(pathOf('/ledger/export.xlsx'), { ...query }, { responseType: 'blob' });
}

export interface RequirementRule {
  key: string;
  label: string;
  period: string;
  minCount: number;
}

/** The configurable requirements (三会一课 frequencies etc.) with their Chinese labels. */
export function listRequirements() {
  return request.get<RequirementRule[]>(pathOf('/ledger/requirements'));
}
