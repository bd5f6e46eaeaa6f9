import { request } from './request';
import { api, pathOf, type Schemas } from './typed';

export type SignIn = Schemas['SignInResponse'];
export type SignInSheet = Schemas['SignInSheetResponse'];
export type SignInCode = Schemas['SignInCodeResponse'];
export type CheckInInfo = Schemas['CheckInInfoResponse'];
export type CheckInResult = Schemas['CheckInResultResponse'];
export type SignInSettings = Schemas['SignInSettingsDto'];

/** The 签到 screen's current code (changes every 20 s). */
export function signInCode(id: string) {
  return api.get('/sessions/{id}/sign-in-code', { path: { id }, options: { silent: true } });
}

export function signInSheet(id: string, silent = false) {
  return api.get('/sessions/{id}/sign-ins', { path: { id }, options: { silent } });
}

export function updateSignInSettings(id: string, settings: SignInSettings) {
  return api.put('/sessions/{id}/sign-in-settings', settings, { path: { id } });
}

/** 代签: sign a member in by hand, with the reason. */
export function proxySignIn(id: string, personId: string, reason: string) {
  return api.post('/sessions/{id}/sign-ins', { personId, reason }, { path: { id } });
}

export function confirmPlace(id: string, personId: string) {
  return api.post('/sessions/{id}/sign-ins/{personId}/confirm-place', undefined as never, {
    path: { id, personId },
  });
}

export function signInSheetXlsx(id: string) {
  return request.get<Blob>(pathOf('/sessions/{id}/sign-in-sheet.xlsx', { id }), undefined, {
    responseType: 'blob',
  });
}

/** The check-in page shows its own messages: these calls do not toast. */
export function checkInInfo(id: string) {
  return api.get('/sessions/{id}/check-in', { path: { id }, options: { silent: true } });
}

export function checkInPass(id: string, code: string) {
  return api.post(
    '/sessions/{id}/check-in/pass',
    { code },
    { path: { id }, options: { silent: true } },
  );
}

export function checkIn(id: string, body: Schemas['CheckInDto']) {
  return api.post('/sessions/{id}/check-in', body, { path: { id }, options: { silent: true } });
}
