import { request } from './request';
import { api, pathOf } from './typed';

export function listSessions(query: { month?: string; orgUnitId?: string }) {
  return api.get('/sessions', { query });
}

/** The printable session record (台账 HTML) rendered by the API. */
export function sessionPrintHtml(id: string) {
  return request.get<string>(pathOf('/sessions/{id}/print', { id }), undefined, {
    responseType: 'text',
  });
}
