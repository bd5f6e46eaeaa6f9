import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { requestIdOf } from '../src/http/http-adapter.js';
import { registerRequestLog } from '../src/logging/request-log.js';

function loggedServer(level: string, status: number) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const server = Fastify({ genReqId: requestIdOf });
  registerRequestLog(server, pino({ level }, sink));
  server.get('/*', (_request, reply) => reply.status(status).send({}));
  return { server, lines };
}

describe('request log', () => {
  it('logs one line per request with its id, method, url, status and time, and no headers', async () => {
    const { server, lines } = loggedServer('info', 200);
    const res = await server.inject({
      url: '/api/tasks?tab=mine',
      headers: { 'x-request-id': 'req-7', authorization: 'Bearer secret-token' },
    });
    expect(res.headers['x-request-id']).toBe('req-7');
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-7', method: 'GET', url: '/api/tasks?tab=mine' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(lines[0])).not.toContain('secret-token');
  });

  it('makes an id when the caller gives none, or one too long', async () => {
    const { server } = loggedServer('info', 200);
    const made = await server.inject({ url: '/', headers: { 'x-request-id': 'x'.repeat(129) } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await server.inject({ url: '/' });
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs client errors as warnings and server errors as errors', async () => {
    for (const [status, level] of [
      [404, 40],
      [503, 50],
    ] as const) {
      const { server, lines } = loggedServer('info', status);
      await server.inject({ url: '/' });
      await expect.poll(() => lines[0]?.level).toBe(level);
    }
  });

  it('writes nothing below the configured level', async () => {
    const { server, lines } = loggedServer('error', 404);
    await server.inject({ url: '/' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toEqual([]);
  });
});
