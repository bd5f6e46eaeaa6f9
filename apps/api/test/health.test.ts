import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /api/health without a token', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    });
  });

  it('refuses any other route without a token with a 401 problem', async () => {
    const res = await t.http().get('/api/me').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized', type: 'about:blank' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|stack/);
  });

  it('answers an unknown /api route with a 404 problem', async () => {
    const res = await t.http().get('/api/nope').expect(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('echoes the caller request id, or makes one', async () => {
    const given = await t.http().get('/api/health').set('x-request-id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.http().get('/api/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document with the DTO schemas', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const doc = res.body as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['LoginDto', 'TokenPairDto', 'Problem']),
    );
  });

  it('lets a seeded user log in and read /api/me with roles', async () => {
    const client = await t.login('branch_secretary');
    const res = await client.get('/api/me').expect(200);
    expect(res.body).toMatchObject({
      username: 'branch_secretary',
      name: '陈晓东',
      roles: expect.arrayContaining([
        expect.objectContaining({ role: 'branch_secretary', orgUnitId: t.units['C1-B1'] }),
      ]),
    });
  });
});
