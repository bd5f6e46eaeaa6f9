import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';

function levelOf(statusCode: number): Level {
  if (statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'warn' : 'info';
}

function line(request: FastifyRequest, reply: FastifyReply) {
  return {
    req: { id: request.id, method: request.method, url: request.url },
    res: { statusCode: reply.statusCode },
    responseTime: Math.round(reply.elapsedTime),
  };
}

/**
 * Answers each request's id (`requestIdOf`: the caller's `x-request-id`, or a new UUID) in the
 * `x-request-id` header, and logs one line when the response is done: id, method, url, status
 * and time taken, at info (warn for 4xx, error for 5xx or a request the client aborted). No
 * headers are logged, so nothing secret needs redacting.
 */
export function registerRequestLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = levelOf(reply.statusCode);
    if (logger.isLevelEnabled(level)) logger[level](line(request, reply), 'request completed');
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    logger.error(
      { req: { id: request.id, method: request.method, url: request.url } },
      'request aborted',
    );
    done();
  });
}
