/**
 * SQLSTATEs and socket errors that mean "the database is away for now" rather than "this
 * request is wrong": a server shutting down or restarting (57P01–57P03), a connection lost or
 * refused (class 08, ECONNREFUSED…), or a read-only server (25006, a standby not yet promoted).
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '25006',
  '08000',
  '08001',
  '08003',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** node-postgres reports a dropped or timed-out connection by message only. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error/i;

/** The seconds a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** True when `error` (or the driver error TypeORM wraps in it) means the database is away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message, driverError, cause } = e as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    e = driverError ?? cause;
  }
  return false;
}
