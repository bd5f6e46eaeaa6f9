import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { APP_OPTIONS, type AppOptions } from './app.options.js';
import { registerJsonBodyParser } from './http/json-body.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerUrlNulGuard } from './http/url-nul-guard.js';
import { APP_LOGGER, PinoNestLogger } from './logging/app-logger.js';
import { registerRequestLog } from './logging/request-log.js';
import { AppMetrics } from './metrics/app-metrics.js';
import { setupOpenApi } from './openapi/openapi.js';
import { serveWebApp } from './web/web-app.js';

export const GLOBAL_PREFIX = 'api';

/** What main.ts and the test harness both do to an app before listening. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const logger = app.get<Logger>(APP_LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Declared up front so every request object keeps one shape (set by the JWT guard and FileUpload).
  fastify.decorateRequest('user', null);
  fastify.decorateRequest('receivedFile', null);
  registerRequestLog(fastify, logger);
  app.get(AppMetrics).observeRequests(fastify);
  registerUrlNulGuard(fastify);
  registerJsonBodyParser(app);
  await registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(multipart);
  app.setGlobalPrefix(GLOBAL_PREFIX);
  app.enableShutdownHooks();
  await setupOpenApi(app);
  const { webDist } = app.get<AppOptions>(APP_OPTIONS);
  if (webDist) await serveWebApp(app, webDist, GLOBAL_PREFIX);
}
