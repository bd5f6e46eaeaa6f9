/**
 * Issue 14 points 3 and 11: hostile request bodies and parameters get a 400, fast, and never
 * hold up other requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../src/http/json-body.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('hostile input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('counts nesting outside strings only', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ a: '[['.repeat(100) }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: 'x"\\[[[' }), 1)).toBe(false);
  });

  it('refuses two million nested arrays with 400 in well under a second', async () => {
    const started = Date.now();
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(nested(2_000_000));
    expect(res.status).toBe(400);
    expect((res.body as { detail: string }).detail).toContain('嵌套过深');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps /api/health answering while three such bodies arrive at once', async () => {
    const body = nested(2_000_000);
    const attacks = [1, 2, 3].map(() =>
      t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(body),
    );
    const started = Date.now();
    const health = await t.http().get('/api/health');
    const healthMs = Date.now() - started;
    const statuses = (await Promise.all(attacks)).map((r) => r.status);
    expect(statuses).toEqual([400, 400, 400]);
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(1000);
  });

  it('refuses a page number past the last page with 400, not 500', async () => {
    const od = await t.login('od_admin');
    for (const path of ['/api/people', '/api/tasks', '/api/instances', '/api/incidents']) {
      const res = await od.get(path).query({ page: '1e20' });
      expect(res.status, path).toBe(400);
    }
  });

  it('refuses a NUL character in login, search and comments with 400, not 500', async () => {
    const login = await t.http().post('/api/auth/login').send({ username: 'od\0', password: 'x' });
    expect(login.status).toBe(400);
    const od = await t.login('od_admin');
    const search = await od.get('/api/people').query({ q: 'a\0b' });
    expect(search.status).toBe(400);
    const taskId = '00000000-0000-4000-8000-000000000000';
    const comment = await od.post(`/api/tasks/${taskId}/comments`).send({ body: 'hi\0' });
    expect(comment.status).toBe(400);
    expect((comment.body as { detail: string }).detail).toContain('空字符');
  });

  it('still parses ordinary JSON, and refuses broken JSON with 400', async () => {
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'od_admin', password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    const broken = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ');
    expect(broken.status).toBe(400);
  });
});
