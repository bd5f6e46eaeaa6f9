import { api, type Schemas } from './typed';

export type LoginResult = Schemas['TokenPairDto'];
export type Me = Schemas['MeDto'];
export type RoleGrant = Schemas['MyRoleDto'];

export function login(body: Schemas['LoginDto']) {
  return api.post('/auth/login', body, { options: { anonymous: true, silent: true } });
}

export function logout(refreshToken: string) {
  return api.post('/auth/logout', { refreshToken }, { options: { silent: true } });
}

export function changePassword(body: Schemas['ChangePasswordDto']) {
  return api.post('/auth/password', body, { options: { silent: true } });
}

export function getMe() {
  return api.get('/me');
}
