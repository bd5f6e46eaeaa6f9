import type { FastifyInstance } from 'fastify';
import type { Problem } from '../common/problem.js';

/** `%00` anywhere in a URL: a NUL character once decoded, which no text column can store. */
const ENCODED_NUL = /%00/;

/** Refuses, with 400, a request whose path or query string holds a NUL character. */
export function registerUrlNulGuard(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!ENCODED_NUL.test(request.url)) return;
    const problem: Problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The URL holds a NUL character (%00), which no parameter accepts (请求含有空字符).',
    };
    await reply.code(400).type('application/problem+json').send(JSON.stringify(problem));
  });
}
