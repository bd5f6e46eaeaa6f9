import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Serves the built web app on every path outside `/api`: its files, and index.html for any other
 * GET so client-side routes survive a reload (SPA fallback). Unknown `/api` paths go on to Nest's
 * 404.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  webDist: string,
  apiPrefix: string,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const isApi = (path: string) => path === `/${apiPrefix}` || path.startsWith(`/${apiPrefix}/`);
  await fastify.register(fastifyStatic, { root: webDist, index: false, wildcard: false });
  fastify.get('/*', (request, reply) => {
    if (isApi(request.url.split('?')[0] ?? '')) return reply.callNotFound();
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
