import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { assertDatabaseReachable } from './config/database-reachable.js';
import { readEnv, type ServerConfig } from './config/server-config.js';
import { serveBackups } from './database/backup/backup-socket.js';
import { createHttpAdapter } from './http/http-adapter.js';
import { OffsetClock } from './testing/offset.clock.js';
import { TestClockModule, testClockEnabled } from './testing/test-clock.module.js';

/** The configuration, checked before anything starts: a bad value ends the process in one line. */
async function checkedConfig(): Promise<ServerConfig> {
  try {
    const config = readEnv();
    if (config.app.databaseUrl) await assertDatabaseReachable(config.app.databaseUrl);
    return config;
  } catch (error) {
    // Everything thrown here is about a setting (readEnv's, SSO's, the database check's).
    console.error(`orglife: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const config = await checkedConfig();
// Browser tests (test/run-e2e.mjs) start the server with ORGLIFE_TEST_CLOCK=1 to move time.
const testClock = testClockEnabled() ? new OffsetClock() : undefined;
const root = testClock
  ? TestClockModule.around(AppModule.forRoot({ ...config.app, clock: testClock }), testClock)
  : AppModule.forRoot(config.app);
const app = await NestFactory.create<NestFastifyApplication>(
  root,
  createHttpAdapter({ trustProxy: process.env.TRUST_PROXY === 'true' }),
  { bufferLogs: true },
);
await configureApp(app);
await app.listen(config.port, config.host);
// The embedded database is this process's alone: `orglife backup` asks it for the snapshot.
if (!config.app.databaseUrl && config.app.dataDir) {
  await serveBackups(app.get<DataSource>(getDataSourceToken()), config.app.dataDir);
}
