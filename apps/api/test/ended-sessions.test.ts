import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndedSessions } from '../src/auth/ended-sessions.js';
import { ROLES_FRESH_MS } from '../src/auth/person-roles.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Sessions ended by the identity service (CAS single logout, OIDC back-channel logout; the
 * flows are in sso-cas.test.ts and sso-oidc.test.ts): how soon other API processes sharing the
 * database refuse their access tokens, and how long the list is kept.
 */
describe('EndedSessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const processSharing = () => new EndedSessions(t.db, t.clock, { accessTokenTtlSeconds: 900 });

  it('is seen at once by the process that ended it, by another within ROLES_FRESH_MS', async () => {
    const here = processSharing();
    const there = processSharing();
    const sid = randomUUID();
    expect(await there.isEnded(sid)).toBe(false);
    await t.db.transaction((tx) => here.end(tx, [sid]));
    expect(await here.isEnded(sid)).toBe(true);
    const deadline = performance.now() + ROLES_FRESH_MS + 500;
    while (!(await there.isEnded(sid))) {
      expect(performance.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('forgets a session once no access token of it can be alive', async () => {
    const sid = randomUUID();
    await t.db.transaction((tx) => processSharing().end(tx, [sid]));
    t.clock.advance(901_000);
    await t.db.transaction((tx) => processSharing().end(tx, [randomUUID()]));
    const rows = await t.db.query(`SELECT 1 FROM ended_session WHERE family_id = $1`, [sid]);
    expect(rows).toHaveLength(0);
    expect(await processSharing().isEnded(sid)).toBe(false);
  });
});
