import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('platform', () => {
  let t: TestApp;
  const webDist = mkdtempSync(join(tmpdir(), 'orglife-web-'));
  beforeAll(async () => {
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>OrgLife</title>');
    writeFileSync(join(webDist, 'app.js'), 'console.log(1);');
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'assets', 'inbox-Ab12.js'), 'console.log(2);');
    writeFileSync(
      join(webDist, 'assets', 'inbox-Ab12.js.br'),
      brotliCompressSync('console.log(2);'),
    );
    t = await createTestApp({ app: { webDist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('serves the web app on every non-/api path (SPA fallback), never on /api', async () => {
    const page = await t.http().get('/inbox/todo').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<title>OrgLife</title>');
    const asset = await t.http().get('/app.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const api = await t.http().get('/api/inbox/todo').expect(404);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it("sends the build's brotli copy of a file to a browser that takes it, and caches hashed assets for good", async () => {
    const compressed = await t
      .http()
      .get('/assets/inbox-Ab12.js')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .expect(200);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(compressed.text).toBe('console.log(2);');
    const plain = await t.http().get('/assets/inbox-Ab12.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe('console.log(2);');
    // a file outside /assets keeps no long cache (its name does not change with its content)
    const app = await t.http().get('/app.js').expect(200);
    expect(app.headers['cache-control']).not.toContain('immutable');
  });

  it('seeds the demo university: 2 committees, 6 branches (one 直属), groups, 60 people, a login per role', async () => {
    const units = await t.db.query<{ type: string; direct: boolean; n: number }[]>(
      `SELECT type, direct, count(*)::int AS n FROM org_unit GROUP BY type, direct ORDER BY type, direct`,
    );
    expect(units).toEqual([
      { type: 'branch', direct: false, n: 5 },
      { type: 'branch', direct: true, n: 1 },
      { type: 'committee', direct: false, n: 2 },
      { type: 'group', direct: false, n: 3 },
      { type: 'university', direct: false, n: 1 },
    ]);
    const [{ people }] = (await t.db.query(`SELECT count(*)::int AS people FROM person`)) as [
      { people: number },
    ];
    expect(people).toBe(60);
    const logins = await t.db.query<{ username: string }[]>(
      `SELECT a.username FROM account a JOIN role_assignment r ON r.person_id = a.person_id
        WHERE a.username = r.role ORDER BY 1`,
    );
    expect(logins.map((l) => l.username)).toEqual([
      'branch_committee',
      'branch_secretary',
      'committee_deputy',
      'committee_secretary',
      'inspector',
      'leader',
      'member',
      'od_admin',
      'organizer',
    ]);
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

  it('answers a body that is not JSON with a 400 problem, and one over 5 MB with a 413 problem', async () => {
    const login = () => t.http().post('/api/auth/login').set('content-type', 'application/json');
    const malformed = await login().send('{"username": ').expect(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.body).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(malformed.body.detail).toMatch(/不是有效的JSON/);
    const huge = await login()
      .send(JSON.stringify({ username: 'x'.repeat(6 * 1024 * 1024), password: 'y' }))
      .expect(413);
    expect(huge.body).toMatchObject({ status: 413, title: 'Payload Too Large' });
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
      expect.arrayContaining(['LoginDto', 'AccessTokenDto', 'Problem']),
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
