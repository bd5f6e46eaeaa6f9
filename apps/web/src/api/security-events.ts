import { request } from './request';
import { api, type Schemas } from './typed';

export type SecurityEvent = Schemas['SecurityEventDto'];
export type SecurityEventKind = SecurityEvent['kind'];

export interface SecurityEventQuery {
  kind?: SecurityEventKind;
  from?: string;
  to?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function listSecurityEvents(query: SecurityEventQuery) {
  return api.get('/security-events', { query });
}

export function exportSecurityEvents(query: SecurityEventQuery) {
  return request.get<Blob>(
    '/security-events/export.xlsx',
    { kind: query.kind, from: query.from, to: query.to, q: query.q },
    { responseType: 'blob' },
  );
}
