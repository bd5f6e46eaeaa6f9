import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getMetadataArgsStorage } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

describe('entities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it('every entity class in the source is registered by its module (TypeOrmModule.forFeature)', async () => {
    const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.entity.ts'),
    );
    for (const file of files) await import(pathToFileURL(SRC + file).href);
    const declared = getMetadataArgsStorage()
      .tables.map((table) => table.target)
      .filter((target): target is new () => object => typeof target === 'function');
    expect(declared.length).toBeGreaterThanOrEqual(files.length);
    const unknown = declared.filter((target) => !t.db.hasMetadata(target)).map((c) => c.name);
    expect(unknown).toEqual([]);
  });
});
