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

/** First sign-in with a one-time code; sets the new password and signs in. */
export function activate(body: Schemas['ActivateDto']) {
  return api.post('/auth/activate', body, { options: { anonymous: true, silent: true } });
}

export type SsoProvider = Schemas['SsoProvidersDto']['providers'][number];

/** Which campus sign-in the login page offers (统一身份认证). */
export function ssoProviders() {
  return api.get('/auth/sso', { options: { anonymous: true, silent: true } });
}

/** Trades the one-time code the campus sign-in put in the login page URL, as a login does. */
export function ssoExchange(code: string) {
  return api.post('/auth/sso/exchange', { code }, { options: { anonymous: true, silent: true } });
}

/** The API route that starts a campus sign-in (a full-page navigation, not a fetch). */
export function ssoLoginHref(provider: SsoProvider): string {
  return `/api/auth/sso/${provider}/login`;
}

/** The API route that ends the campus session too, then comes back to the login page. */
export function ssoLogoutHref(provider: SsoProvider): string {
  return `/api/auth/sso/${provider}/logout`;
}
