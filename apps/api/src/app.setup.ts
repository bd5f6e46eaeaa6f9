import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { setupOpenApi } from './openapi/openapi.js';

export const GLOBAL_PREFIX = 'api';

/** What main.ts and the test harness both do to an app before listening. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(GLOBAL_PREFIX);
  app.enableShutdownHooks();
  setupOpenApi(app);
}
