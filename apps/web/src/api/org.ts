import type { Role } from './roles';
import { uploadWithProgress, type UploadProgress } from './upload';
import { request } from './request';
import { api, type Schemas } from './typed';

export type OrgUnitNode = Schemas['OrgUnitNodeDto'];
export type OrgUnitType = OrgUnitNode['type'];
export type Person = Schemas['PersonDto'];
export type PersonDetail = Schemas['PersonDetailDto'];
export type PersonPage = Schemas['PersonPageDto'];
export type RoleAssignment = Schemas['RoleAssignmentDto'];
export type RosterImportResult = Schemas['RosterImportResultDto'];

export function listOrgUnits() {
  return api.get('/org-units');
}

export function createOrgUnit(body: Schemas['CreateOrgUnitDto']) {
  return api.post('/org-units', body, { options: { silent: true } });
}

export function listPeople(query: {
  orgUnitId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}) {
  return api.get('/people', { query });
}

export function getPerson(id: string) {
  return api.get('/people/{id}', { path: { id } });
}

export function createPerson(body: Schemas['CreatePersonDto']) {
  return api.post('/people', body, { options: { silent: true } });
}

export function listRoleAssignments(query: { orgUnitId?: string; personId?: string }) {
  return api.get('/role-assignments', { query });
}

export function assignRole(body: { personId: string; role: Role; orgUnitId: string }) {
  return api.post('/role-assignments', body, { options: { silent: true } });
}

export function removeRoleAssignment(id: string) {
  return api.delete('/role-assignments/{id}', { path: { id } });
}

/** Imports a .xlsx roster; a 400 lists every bad row (ApiError.rowErrors) and imports nothing. */
export function importRoster(file: File, onProgress: (p: UploadProgress) => void) {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress<RosterImportResult>('/roster/import', form, onProgress);
}

export function exportRoster(orgUnitId?: string) {
  return request.get<Blob>('/roster/export', { orgUnitId }, { responseType: 'blob' });
}

export type OrgSheetImportResult = Schemas['OrgSheetImportResultDto'];

export function updateOrgUnit(id: string, body: Schemas['UpdateOrgUnitDto']) {
  return api.patch('/org-units/{id}', body, { path: { id }, options: { silent: true } });
}

/** 统一身份认证自动建档 on a unit (Organization Department only). */
export function setSsoAutoCreate(id: string, body: Schemas['SsoAutoCreateDto']) {
  return api.put('/org-units/{id}/sso-auto-create', body, {
    path: { id },
    options: { silent: true },
  });
}

/** The OD confirms a person created by campus sign-in. */
export function confirmSsoPerson(id: string) {
  return api.post('/people/{id}/sso-confirmation', undefined, { path: { id } });
}

export function deleteOrgUnit(id: string) {
  return api.delete('/org-units/{id}', { path: { id }, options: { silent: true } });
}

/** Imports the org sheet (组织架构); a 400 lists every bad row (ApiError.rowErrors) and imports nothing. */
export function importOrgSheet(file: File, onProgress: (p: UploadProgress) => void) {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress<OrgSheetImportResult>('/org-units/import', form, onProgress);
}

export function exportOrgSheet() {
  return request.get<Blob>('/org-units/export', {}, { responseType: 'blob' });
}

export type ActivationCode = Schemas['ActivationCodeDto'];

/** A new one-time activation code for the person (their password and sessions end). */
export function resetToActivationCode(personId: string) {
  return api.post('/people/{id}/activation-code', undefined, { path: { id: personId } });
}

export function deactivatePerson(personId: string) {
  return api.post('/people/{id}/deactivate', undefined, { path: { id: personId } });
}

export function reactivatePerson(personId: string) {
  return api.post('/people/{id}/reactivate', undefined, { path: { id: personId } });
}

/** New codes for the unit's not-yet-active people, as the .xlsx to hand out. */
export function exportActivationCodes(orgUnitId: string) {
  return request.post<Blob>(`/org-units/${orgUnitId}/activation-codes`, undefined, {
    responseType: 'blob',
  });
}

export type HandoverPreview = Schemas['HandoverPreviewDto'];

/** 换届: what would move to the new holder of the role. */
export function previewHandover(assignmentId: string, toPersonId: string) {
  return api.get('/role-assignments/{id}/handover', {
    path: { id: assignmentId },
    query: { toPersonId },
    options: { silent: true },
  });
}

/** 换届 / 职务交接: the role, its open tasks, drafts and records pass to the new holder. */
export function handOverRole(assignmentId: string, body: { toPersonId: string; note?: string }) {
  return api.post('/role-assignments/{id}/handover', body, {
    path: { id: assignmentId },
    options: { silent: true },
  });
}
