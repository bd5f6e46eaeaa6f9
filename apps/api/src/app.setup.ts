import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_OPTIONS, type AppOptions } from './app.options.js';
import { APP_LOGGER, PinoNestLogger } from './logging/app-logger.js';
import { requestLog } from './logging/request-log.js';
import { setupOpenApi } from './openapi/openapi.js';
import { serveWebApp } from './web/web-app.middleware.js';

export const GLOBAL_PREFIX = 'api';

/** What main.ts and the test harness both do to an app before listening. */
export function configureApp(app: INestApplication): void {
  const logger = app.get<Logger>(APP_LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.use(requestLog(logger));
  app.setGlobalPrefix(GLOBAL_PREFIX);
  app.enableShutdownHooks();
  setupOpenApi(app);
  const { webDist } = app.get<AppOptions>(APP_OPTIONS);
  if (webDist) serveWebApp(app, webDist, GLOBAL_PREFIX);
}
