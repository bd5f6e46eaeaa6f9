import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { InvalidInput } from '../common/errors.js';

/**
 * How deep a JSON body may nest. The deepest legitimate body (process variables, at most 16
 * levels, inside a request object) stays well within it.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether `text` nests objects/arrays deeper than `limit`, found by one pass over its characters
 * (strings skipped), so that a hostile body never reaches the parser or the DTO classes, whose
 * recursion it could overflow.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** `\u0000` in JSON text, not itself escaped: a NUL character in a string. */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/i;

/**
 * Parses JSON bodies (Nest's body parser for `application/json`) after refusing, with 400, one
 * nested deeper than MAX_JSON_DEPTH or holding a NUL character (which no text column can store).
 */
export function registerJsonBodyParser(app: NestFastifyApplication): void {
  const { bodyLimit } = app.getHttpAdapter().getInstance().initialConfig;
  app.useBodyParser(
    'application/json',
    { bodyLimit },
    async (_request: FastifyRequest, body: Buffer) => {
      const text = body.toString('utf8');
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
        throw new InvalidInput(
          `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels (请求嵌套过深).`,
        );
      }
      if (ESCAPED_NUL.test(text)) {
        throw new InvalidInput(
          'The JSON body holds a NUL character (\\u0000), which no field accepts (请求含有空字符).',
        );
      }
      if (text.length === 0) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new InvalidInput('The body is not valid JSON (请求体不是有效的JSON).');
      }
    },
  );
}
