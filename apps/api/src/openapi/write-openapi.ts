import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from '../app.module.js';
import { GLOBAL_PREFIX } from '../app.setup.js';
import { createHttpAdapter } from '../http/http-adapter.js';
import { createOpenApiDocument } from './openapi.js';

/** Writes the OpenAPI document to apps/api/openapi.json (or argv[2]) without a database or a server. */
const out = resolve(process.argv[2] ?? 'openapi.json');
// preview: modules and controllers are scanned, no provider is instantiated (no database).
const app = await NestFactory.create(
  AppModule.forRoot({ logLevel: 'silent' }),
  createHttpAdapter(),
  {
    preview: true,
    logger: false,
  },
);
app.setGlobalPrefix(GLOBAL_PREFIX);
const document = await createOpenApiDocument(app);
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
await app.close();
console.log(`wrote ${out}: ${Object.keys(document.paths).length} paths`);
