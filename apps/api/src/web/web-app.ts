import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { universityTimeZone } from '../common/time-zone.js';

/**
 * index.html with the university's time zone in `<meta name="orglife-time-zone">`, so the web app
 * shows every time on the clock ORGLIFE_TIME_ZONE names without a rebuild.
 */
export function indexHtmlWithTimeZone(html: string, zone = universityTimeZone()): string {
  const meta = `<meta name="orglife-time-zone" content="${zone.replace(/[^A-Za-z0-9_/+-]/g, '')}" />`;
  return html.replace(/<head>/i, (head) => `${head}\n    ${meta}`);
}

/**
 * Serves the built web app on every path outside `/api`: its files, and index.html for any other
 * GET so client-side routes survive a reload (SPA fallback). Unknown `/api` paths go on to Nest's
 * 404. Files go out as the build's brotli or gzip copies when the browser takes them (a phone on
 * a slow network loads a third of the bytes), and the content-hashed files under /assets are
 * cached for good.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  webDist: string,
  apiPrefix: string,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const isApi = (path: string) => path === `/${apiPrefix}` || path.startsWith(`/${apiPrefix}/`);
  const index = indexHtmlWithTimeZone(readFileSync(join(webDist, 'index.html'), 'utf8'));
  await fastify.register(fastifyStatic, {
    root: webDist,
    index: false,
    wildcard: false,
    preCompressed: true,
    setHeaders: (reply, path) => {
      if (path.startsWith(join(webDist, 'assets')))
        void reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  fastify.get('/*', (request, reply) => {
    if (isApi(request.url.split('?')[0] ?? '')) return reply.callNotFound();
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(index);
  });
}
