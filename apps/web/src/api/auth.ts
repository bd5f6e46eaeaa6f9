import { request } from './request';
import type { TokenPair } from './tokens';

export interface LoginBody {
  username: string;
  password: string;
}

export interface LoginResult extends TokenPair {
  expiresIn: number;
}

export interface RoleGrant {
  role: string;
  orgUnitId: string;
  orgUnitName: string;
}

export interface Me {
  id: string;
  username: string;
  name: string;
  roles: RoleGrant[];
}

export function login(body: LoginBody) {
  return request.post<LoginResult>('/auth/login', body, { anonymous: true, silent: true });
}

export function logout(refreshToken: string) {
  return request.post<void>('/auth/logout', { refreshToken }, { silent: true });
}

export function changePassword(body: { oldPassword: string; newPassword: string }) {
  return request.post<void>('/auth/password', body, { silent: true });
}

export function getMe() {
  return request.get<Me>('/me');
}
