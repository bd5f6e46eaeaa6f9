/**
 * Why a campus sign-in was refused; the login page shows each in words (web `login.sso.*`):
 * - unavailable: the identity service did not answer in time or failed;
 * - rejected: it answered but the answer does not hold (replayed code or ticket, wrong nonce,
 *   a token for another client, a bad signature);
 * - state: the callback's state is unknown, already used or expired;
 * - no-employee-no: the identity carries no 工号 in the configured claim or attribute;
 * - not-in-roster: no person in the roster has that 工号 (and none may be created for it);
 * - inactive: the person has been deactivated;
 * - account-conflict: the person has no account yet and their 工号 is another's username.
 */
export type SsoRefusalReason =
  | 'unavailable'
  | 'rejected'
  | 'state'
  | 'no-employee-no'
  | 'not-in-roster'
  | 'inactive'
  | 'account-conflict';

export class SsoRefusal extends Error {
  constructor(
    readonly reason: SsoRefusalReason,
    /** For the audit and the log, never shown to the user. */
    readonly detail: string,
    /** The person it concerns, when the identity matched one. */
    readonly personId?: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}
