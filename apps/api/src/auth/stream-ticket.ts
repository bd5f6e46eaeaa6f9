import { SetMetadata } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A browser's EventSource cannot send the Authorization header, so an event stream is opened with
 * a stream ticket instead: a short-lived token (STREAM_TICKET_SECONDS) that only opens event
 * streams, asked for with the access token and set as an httpOnly, SameSite=Strict cookie sent to
 * the stream routes alone. It never appears in a URL (nor in access logs), page scripts never see
 * it, and it cannot stand in for an access token (TokenService.verifyAccessToken refuses it).
 */
export const STREAM_TICKET_COOKIE = 'orglife_stream';
export const STREAM_TICKET_SECONDS = 60;
/** The event streams live under this path; the cookie goes nowhere else. */
const COOKIE_PATH = '/api/notifications/stream';

export const ALLOWS_STREAM_TICKET = 'orglife:allowsStreamTicket';

/** Lets the route be opened with the stream-ticket cookie instead of an access token. */
export const AllowStreamTicket = () => SetMetadata(ALLOWS_STREAM_TICKET, true);

export function setStreamTicketCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  ticket: string,
): void {
  void reply.setCookie(STREAM_TICKET_COOKIE, ticket, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: COOKIE_PATH,
    maxAge: STREAM_TICKET_SECONDS,
  });
}

export function streamTicketOf(request: FastifyRequest): string | undefined {
  return request.cookies[STREAM_TICKET_COOKIE] || undefined;
}
