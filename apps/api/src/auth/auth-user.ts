import type { RoleName } from '../access/role-name.js';

/** The caller of a request, with the roles loaded fresh from the database. */
export interface AuthUser {
  personId: string;
  username: string;
  roles: { role: RoleName; orgUnitId: string }[];
  /** The sign-in session of the request's access token (absent in older tokens). */
  sessionId?: string;
}

/** Claims inside an access token. */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  /** The sign-in session (refresh-token family) the token was issued in; see ended-sessions.ts. */
  sid?: string;
}
