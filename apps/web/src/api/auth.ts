import { api, type Schemas } from './typed';

export type LoginResult = Schemas['AccessTokenDto'];
export type Me = Schemas['MeDto'];
export type RoleGrant = Schemas['MyRoleDto'];

export function login(body: Schemas['LoginDto']) {
  return api.post('/auth/login', body, { options: { anonymous: true, silent: true } });
}

/** Revokes the session of the refresh-token cookie and clears it. */
export function logout() {
  return api.post('/auth/logout', undefined, { options: { anonymous: true, silent: true } });
}

export function changePassword(body: Schemas['ChangePasswordDto']) {
  return api.post('/auth/password', body, { options: { silent: true } });
}

export function getMe() {
  return api.get('/me');
}
