import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

describe.runIf(process.env.DATABASE_URL)("the API's PostgreSQL sessions", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('run without JIT, whose compiling would cost a short statement hundreds of ms', async () => {
    expect(await t.db.query(`SHOW jit`)).toEqual([{ jit: 'off' }]);
  });

  it('keep the schema they were given', async () => {
    const [row] = (await t.db.query(`SELECT current_schema() AS schema`)) as { schema: string }[];
    expect(row?.schema).toMatch(/^test_/);
  });
});
