/** Issue 14 point 8: security headers, with a Content-Security-Policy, on every response. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('security headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('come with API answers, errors and the API docs alike', async () => {
    for (const path of ['/api/health', '/api/me', '/api/docs']) {
      const res = await t.http().get(path);
      const csp = res.headers['content-security-policy'] ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['x-frame-options'], path).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
    }
  });
});
