import { ForbiddenException, Logger, type ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import {
  Conflict,
  Expired,
  Forbidden,
  Inconsistent,
  InvalidInput,
  NotAuthenticated,
  NotFound,
  RuleViolation,
  TooLarge,
  TooSoon,
} from '../src/common/errors.js';
import { ProblemFilter } from '../src/common/problem.filter.js';

function respond(
  exception: unknown,
  headers: Record<string, string> = {},
): {
  status: number;
  type: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
} {
  const sent = {
    status: 0,
    type: '',
    body: {} as Record<string, unknown>,
    headers: {} as Record<string, string>,
  };
  const reply = {
    sent: false,
    header(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    send(payload: string) {
      sent.body = JSON.parse(payload) as Record<string, unknown>;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => reply,
      getRequest: () => ({ id: 'req-9', headers }),
    }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe('ProblemFilter (the one exception filter)', () => {
  it('turns an unexpected error into a 500 problem without its message or stack, logged on the server with the request id', () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent = respond(new Error('password=hunter2 at /srv/secret.ts:12'));
    expect(logged).toHaveBeenCalledWith({
      reqId: 'req-9',
      msg: 'password=hunter2 at /srv/secret.ts:12',
      err: expect.stringContaining('problem.filter.test.ts'),
    });
    logged.mockRestore();
    expect(sent.status).toBe(500);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: '系统出现意外错误',
    });
  });

  it('answers in Chinese, or in English when the client asks for it first', () => {
    const bad = new InvalidInput('请填写主题 (topic is required)', {
      type: 'urn:orglife:problem:validation',
      errors: [{ field: 'topic', message: '请填写主题 (topic is required)' }],
    });
    expect(respond(bad).body).toMatchObject({
      detail: '请填写主题',
      errors: [{ field: 'topic', message: '请填写主题' }],
    });
    expect(respond(bad, { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' }).body).toMatchObject({
      detail: 'topic is required',
      errors: [{ field: 'topic', message: 'topic is required' }],
    });
    expect(respond(bad, { 'accept-language': 'zh-CN,en;q=0.8' }).body).toMatchObject({
      detail: '请填写主题',
    });
  });

  it('keeps a Nest exception’s status and message', () => {
    expect(respond(new ForbiddenException('not your branch')).body).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'not your branch',
    });
  });

  it.each([
    [new InvalidInput('x'), 400, 'Bad Request'],
    [new NotAuthenticated('x'), 401, 'Unauthorized'],
    [new Forbidden('x'), 403, 'Forbidden'],
    [new NotFound('x'), 404, 'Not Found'],
    [new Conflict('x'), 409, 'Conflict'],
    [new Expired('x'), 410, 'Gone'],
    [new TooLarge('x'), 413, 'Payload Too Large'],
    [new RuleViolation('x'), 422, 'Unprocessable Entity'],
    [new TooSoon('x'), 429, 'Too Many Requests'],
  ])('answers the domain refusal %s with its status', (error, status, title) => {
    expect(respond(error).body).toEqual({ type: 'about:blank', title, status, detail: 'x' });
  });

  it('shows the message of the server’s own inconsistent data with 500', () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent = respond(new Inconsistent('Stored definition p v1 no longer compiles'));
    logged.mockRestore();
    expect(sent.body).toMatchObject({
      status: 500,
      detail: 'Stored definition p v1 no longer compiles',
    });
  });

  it('passes structured details of a domain refusal through', () => {
    const sent = respond(
      new InvalidInput('bad flow', {
        type: 'urn:orglife:problem:bpmn',
        problems: [{ elementId: 'Task_1', message: 'no outgoing flow' }],
      }),
    );
    expect(sent.body).toEqual({
      type: 'urn:orglife:problem:bpmn',
      title: 'Bad Request',
      status: 400,
      detail: 'bad flow',
      problems: [{ elementId: 'Task_1', message: 'no outgoing flow' }],
    });
  });

  it('maps a unique violation from the database to 409', () => {
    const error = new QueryFailedError(
      'INSERT …',
      [],
      Object.assign(new Error('dup'), { code: '23505' }),
    );
    expect(respond(error).body).toMatchObject({ status: 409, title: 'Conflict' });
  });

  it.each([
    [
      'refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['server shutting down (57P01)', Object.assign(new Error('terminating'), { code: '57P01' })],
    ['server starting (57P03)', Object.assign(new Error('starting up'), { code: '57P03' })],
    [
      'read-only standby (25006)',
      new QueryFailedError('UPDATE', [], Object.assign(new Error('read-only'), { code: '25006' })),
    ],
    [
      'connection cut',
      new QueryFailedError('SELECT', [], new Error('Connection terminated unexpectedly')),
    ],
  ])('answers a database that is away (%s) with 503 and Retry-After', (_, error) => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent = respond(error);
    logged.mockRestore();
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('2');
    expect(sent.body).toMatchObject({ status: 503, detail: '数据库暂时不可用，请稍后重试' });
  });

  it('keeps other database errors at 500 without Retry-After', () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent = respond(
      new QueryFailedError('SELECT', [], Object.assign(new Error('syntax'), { code: '42601' })),
    );
    logged.mockRestore();
    expect(sent.status).toBe(500);
    expect(sent.headers).toEqual({});
  });
});
