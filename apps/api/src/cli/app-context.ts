import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { readEnv } from '../config/server-config.js';
import { assertEmbeddedStopped } from './database-source.js';

/**
 * Runs `work` with the API's services on the configured database (DATABASE_URL, or the
 * embedded one in DATA_DIR), migrated but not seeded, with no job executor and no HTTP server.
 */
export async function withAppContext<T>(
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const config = readEnv();
  if (!config.app.databaseUrl && config.app.dataDir)
    await assertEmbeddedStopped(config.app.dataDir);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...config.app,
      seed: false,
      demoMonth: false,
      logLevel: 'silent',
      workflow: { ...config.app.workflow, jobExecutor: { enabled: false } },
    }),
    { logger: false },
  );
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
