import { request } from './request';
import { api, pathOf, type Schemas } from './typed';

export type RequirementCheck = Schemas['RequirementCheckResponse'];
export type MemberLedgerRow = Schemas['MemberLedgerRowResponse'];
export type BranchLedgerRow = Schemas['BranchLedgerRowResponse'];
export type LecturerLedgerRow = Schemas['LecturerLedgerRowResponse'];
export type RequirementRule = Schemas['LedgerRequirementResponse'];
export type MyLedger = Schemas['MyLedgerResponse'];

export interface LedgerQuery {
  year?: number;
  orgUnitId?: string;
}

export function memberLedger(query: LedgerQuery) {
  return api.get('/ledger/members', { query });
}

export function branchLedger(query: LedgerQuery) {
  return api.get('/ledger/branches', { query });
}

export function secretaryLedger(query: LedgerQuery) {
  return api.get('/ledger/secretaries', { query });
}

export function leaderLedger(query: LedgerQuery) {
  return api.get('/ledger/leaders', { query });
}

/** My own rows (我的台账): as a member, a committee secretary, a school leader. */
export function myLedger(year: number) {
  return api.get('/ledger/mine', { query: { year } });
}

export function exportLedger(query: LedgerQuery) {
  return request.get<Blob>(pathOf('/ledger/export.xlsx'), { ...query }, { responseType: 'blob' });
}

/** The configurable requirements (三会一课 frequencies etc.) with their Chinese labels. */
export function listRequirements() {
  return api.get('/ledger/requirements');
}
