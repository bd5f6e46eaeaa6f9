import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';

const MAX_GIVEN_ID_LENGTH = 128;

function levelOf(statusCode: number, finished: boolean): Level {
  if (!finished || statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'warn' : 'info';
}

/**
 * Express middleware: gives each request an id (the caller's `x-request-id`, or a new UUID),
 * answers it in the `x-request-id` header, and logs one line when the response is done: id,
 * method, url, status and time taken, at info (warn for 4xx, error for 5xx or an aborted
 * response). No headers are logged, so nothing secret needs redacting.
 */
export function requestLog(logger: Logger) {
  return (req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void): void => {
    const given = req.headers['x-request-id'];
    const id =
      typeof given === 'string' && given.length <= MAX_GIVEN_ID_LENGTH ? given : randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    const started = performance.now();
    res.once('close', () => {
      const level = levelOf(res.statusCode, res.writableFinished);
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: req.url },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
