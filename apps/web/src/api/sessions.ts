import { request } from './request';
import { api, pathOf, type Schemas } from './typed';

export type MySessionRecord = Schemas['MySessionRecordResponse'];

export function listSessions(query: { month?: string; orgUnitId?: string }) {
  return api.get('/sessions', { query });
}

/** The printable session record (台账 HTML) rendered by the API. */
export function sessionPrintHtml(id: string) {
  return request.get<string>(pathOf('/sessions/{id}/print', { id }), undefined, {
    responseType: 'text',
  });
}

/** A session with its records, its 更正 history and whether the caller may correct it. */
export function getSession(id: string) {
  return api.get('/sessions/{id}', { path: { id } });
}

export type SessionView = Awaited<ReturnType<typeof getSession>>;
export type SessionCorrectionBody = Schemas['CorrectSessionDto'];

/** 更正 a recorded session (with a reason). */
export function correctSession(id: string, body: SessionCorrectionBody) {
  return api.post('/sessions/{id}/corrections', body, { path: { id } });
}

/** My own organizational life of a year (我的组织生活). */
export function mySessions(year: number) {
  return api.get('/sessions/mine', { query: { year } });
}
