import type { SsoOptions } from './sso.options.js';

/**
 * Whether a password may sign this username in: always, unless SSO_REQUIRED is on, when only the
 * local accounts named in SSO_LOCAL_ACCOUNTS may (the bootstrap administrator, people without a
 * campus identity). Usernames compare case-insensitively, as logins do.
 */
export function localLoginAllowed(sso: SsoOptions | undefined, username: string): boolean {
  if (!sso?.required) return true;
  const wanted = username.trim().toLowerCase();
  return sso.localAccounts.some((name) => name.toLowerCase() === wanted);
}
