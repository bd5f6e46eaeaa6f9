import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { APP_OPTIONS, type AppOptions } from './app.options.js';
import { setupOpenApi } from './openapi/openapi.js';
import { serveWebApp } from './web/web-app.middleware.js';

export const GLOBAL_PREFIX = 'api';

/** What main.ts and the test harness both do to an app before listening. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(GLOBAL_PREFIX);
  app.enableShutdownHooks();
  setupOpenApi(app);
  const { webDist } = app.get<AppOptions>(APP_OPTIONS);
  if (webDist) serveWebApp(app, webDist, GLOBAL_PREFIX);
}
