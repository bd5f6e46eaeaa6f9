import type { LoggerService } from '@nestjs/common';
import { pino, type Level, type Logger } from 'pino';

export const APP_LOGGER = Symbol('APP_LOGGER');

/** The process's one pino logger: JSON lines on stdout at `level`. */
export function createAppLogger(level: string): Logger {
  return pino({ level });
}

/**
 * Nest's own logging (bootstrap, `new Logger(context)` in services) written through pino. Nest
 * passes the context as the last string argument and, for errors, a stack before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const strings = rest.filter((part): part is string => typeof part === 'string');
    const context = strings.at(-1);
    const stack = level === 'error' && strings.length > 1 ? strings[0] : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message });
    } else {
      this.logger[level]({ context, stack }, String(message));
    }
  }
}
