import type { FastifyReply, FastifyRequest } from 'fastify';

/** The refresh token lives only in this cookie: httpOnly, so page scripts never see it. */
export const REFRESH_COOKIE = 'orglife_refresh';
/** Sent only to the auth routes (refresh and logout read it). */
const COOKIE_PATH = '/api/auth';

export function setRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  refreshToken: string,
  maxAgeSeconds: number,
): void {
  void reply.setCookie(REFRESH_COOKIE, refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: COOKIE_PATH,
    maxAge: maxAgeSeconds,
  });
}

export function clearRefreshCookie(reply: FastifyReply): void {
  void reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
}

export function refreshCookieOf(request: FastifyRequest): string | undefined {
  return request.cookies[REFRESH_COOKIE] || undefined;
}
