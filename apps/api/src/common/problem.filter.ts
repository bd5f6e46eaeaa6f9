import { STATUS_CODES } from 'node:http';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
} from '../database/database-unavailable.js';
import { bilingual, type Language, languageOf, localize } from './locale.js';
import {
  Conflict,
  DomainError,
  Expired,
  Forbidden,
  Inconsistent,
  InvalidInput,
  NotAuthenticated,
  NotFound,
  RuleViolation,
  TooLarge,
  TooSoon,
} from './errors.js';
import type { Problem } from './problem.js';

/** The one place a domain refusal becomes an HTTP status. */
const DOMAIN_STATUS: readonly [new (...args: never[]) => DomainError, number][] = [
  [InvalidInput, HttpStatus.BAD_REQUEST],
  [NotAuthenticated, HttpStatus.UNAUTHORIZED],
  [Forbidden, HttpStatus.FORBIDDEN],
  [NotFound, HttpStatus.NOT_FOUND],
  [Conflict, HttpStatus.CONFLICT],
  [Expired, HttpStatus.GONE],
  [TooLarge, HttpStatus.PAYLOAD_TOO_LARGE],
  [RuleViolation, HttpStatus.UNPROCESSABLE_ENTITY],
  [TooSoon, HttpStatus.TOO_MANY_REQUESTS],
  [Inconsistent, HttpStatus.INTERNAL_SERVER_ERROR],
];

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';

/**
 * The one global exception filter: every error leaves as problem JSON, never with a stack, its
 * messages in the client's language (see `localize`).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const problem = this.localized(
      this.toProblem(exception),
      languageOf(request.headers?.['accept-language']),
    );
    if (problem.status >= 500) {
      this.logger.error({
        reqId: request.id,
        msg: exception instanceof Error ? exception.message : 'Unhandled error',
        err: exception instanceof Error ? exception.stack : exception,
      });
    }
    if (reply.sent) return;
    if (problem.status === 503 && isDatabaseUnavailable(exception)) {
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    void reply
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      const { type, ...details } = exception.details;
      return { ...this.base(statusOf(exception), exception.message, type), ...details };
    }
    if (exception instanceof HttpException) {
      return this.base(exception.getStatus(), this.messageOf(exception));
    }
    if (isDatabaseUnavailable(exception)) {
      return this.base(
        HttpStatus.SERVICE_UNAVAILABLE,
        bilingual(
          '数据库暂时不可用，请稍后重试',
          'The database is briefly unavailable; try again shortly.',
        ),
      );
    }
    if (exception instanceof EntityNotFoundError) {
      return this.base(
        HttpStatus.NOT_FOUND,
        bilingual('所请求的记录不存在', 'The requested resource does not exist.'),
      );
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === PG_UNIQUE_VIOLATION) {
        return this.base(
          HttpStatus.CONFLICT,
          bilingual('已存在相同的记录', 'A record with the same unique key already exists.'),
        );
      }
      if (code === PG_FOREIGN_KEY_VIOLATION) {
        return this.base(
          HttpStatus.CONFLICT,
          bilingual(
            '相关联的记录不存在或仍被引用',
            'The record is referenced by, or refers to, a missing record.',
          ),
        );
      }
    }
    return this.base(
      HttpStatus.INTERNAL_SERVER_ERROR,
      bilingual('系统出现意外错误', 'An unexpected error occurred.'),
    );
  }

  private localized(problem: Problem, language: Language): Problem {
    // A sheet import's errors also carry `reason` (row, column, reason), said the same way.
    const errors = problem.errors?.map((e) => {
      const { reason } = e as { reason?: unknown };
      return {
        ...e,
        message: localize(e.message, language),
        ...(typeof reason === 'string' ? { reason: localize(reason, language) } : {}),
      };
    });
    if (!errors?.length) return { ...problem, detail: localize(problem.detail, language) };
    return { ...problem, detail: errors.map((e) => e.message).join('; '), errors };
  }

  private base(status: number, detail: string, type = 'about:blank'): Problem {
    return { type, title: STATUS_CODES[status] ?? 'Error', status, detail };
  }

  private messageOf(exception: HttpException): string {
    const body = exception.getResponse();
    if (typeof body === 'string') return body;
    const message = (body as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
    return exception.message;
  }
}

function statusOf(error: DomainError): number {
  const kind = DOMAIN_STATUS.find(([type]) => error instanceof type);
  return kind ? kind[1] : HttpStatus.INTERNAL_SERVER_ERROR;
}
