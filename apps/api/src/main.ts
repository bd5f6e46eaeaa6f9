import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { readEnv } from './config/server-config.js';

const config = readEnv();
const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config.app), {
  bufferLogs: true,
});
app.set('trust proxy', process.env.TRUST_PROXY === 'true');
configureApp(app);
await app.listen(config.port, config.host);
