import { api, type Schemas } from '@/api/typed';
import { request } from '@/api/request';

export type AuditEntry = Schemas['AuditEntryDto'];

export interface AuditFilter {
  orgUnitId?: string;
  personId?: string;
  action?: string;
  from?: string;
  to?: string;
}

function defined(filter: AuditFilter): AuditFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as AuditFilter;
}

export function listAudit(filter: AuditFilter, page: number, pageSize: number) {
  return api.get('/audit', { query: { ...defined(filter), page, pageSize } });
}

/** The filtered log as .xlsx. */
export function exportAudit(filter: AuditFilter) {
  return request.get<Blob>('/audit/export', { ...defined(filter) }, { responseType: 'blob' });
}

/** An instance's audit rows, oldest first. */
export function getInstanceTrail(id: string) {
  return api.get('/instances/{id}/trail', { path: { id } });
}
