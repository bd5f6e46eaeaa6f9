import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';

const MAX_GIVEN_ID_LENGTH = 128;
/** JSON bodies up to 5 MB: a BPMN model is sent as `{ xml }`. Files go as multipart. */
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** The caller's `x-request-id` when it is a sensible one, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && given.length > 0 && given.length <= MAX_GIVEN_ID_LENGTH
    ? given
    : randomUUID();
}

/**
 * The HTTP layer under Nest, for main.ts and the test harness alike: Fastify, which costs a
 * fraction of Express per request (README "API benchmark"). Fastify's own request logging is off;
 * `registerRequestLog` writes one line per request instead.
 */
export function createHttpAdapter(options: { trustProxy?: boolean } = {}): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: options.trustProxy ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
  });
}
