import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { readEnv } from './config/server-config.js';
import { serveBackups } from './database/backup/backup-socket.js';
import { createHttpAdapter } from './http/http-adapter.js';
import { OffsetClock } from './testing/offset.clock.js';
import { TestClockModule, testClockEnabled } from './testing/test-clock.module.js';

const config = readEnv();
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
