import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { readEnv } from './config/server-config.js';
import { OffsetClock } from './testing/offset.clock.js';
import { TestClockModule, testClockEnabled } from './testing/test-clock.module.js';

const config = readEnv();
// Browser tests (test/run-e2e.mjs) start the server with ORGLIFE_TEST_CLOCK=1 to move time.
const testClock = testClockEnabled() ? new OffsetClock() : undefined;
const root = testClock
  ? TestClockModule.around(AppModule.forRoot({ ...config.app, clock: testClock }), testClock)
  : AppModule.forRoot(config.app);
const app = await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true });
app.set('trust proxy', process.env.TRUST_PROXY === 'true');
configureApp(app);
await app.listen(config.port, config.host);
