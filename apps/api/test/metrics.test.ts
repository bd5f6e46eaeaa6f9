import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

const SCRAPE_TOKEN = 'a-scrape-token-of-at-least-32-characters';

/** A sample's value from the Prometheus text: `name{labels} value`. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('/api/metrics: Prometheus metrics for administrators and the scraper', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ app: { metricsToken: SCRAPE_TOKEN } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers administrators, and a scraper holding METRICS_TOKEN; no one else', async () => {
    const [od, member] = await t.loginAll('od_admin', 'member');
    const res = await od.get('/api/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    await t.http().get('/api/metrics').set('Authorization', `Bearer ${SCRAPE_TOKEN}`).expect(200);
    await member.get('/api/metrics').expect(403);
    await t.http().get('/api/metrics').set('Authorization', 'Bearer wrong-token').expect(401);
    await t.http().get('/api/metrics').expect(401);
  });

  it('the scrape token opens no other route', async () => {
    await t.http().get('/api/me').set('Authorization', `Bearer ${SCRAPE_TOKEN}`).expect(401);
    await t.http().get('/api/instances').set('Authorization', `Bearer ${SCRAPE_TOKEN}`).expect(401);
  });

  it('shows request latency by route pattern (never the raw URL with its ids), job backlog and lag, open incidents, process memory', async () => {
    const od = await t.login('od_admin');
    await od.get(`/api/org-units/${t.units['C1']}`).expect(200);
    const due = new Date(t.clock.now().getTime() - 90_000);
    await t.db.query(
      `INSERT INTO wf_job (id, kind, state, definition_id, process_id, element_id, due_at, retries, created_at)
       VALUES ('metrics-test-job', 'timer', 'due', gen_random_uuid(), 'p', 'Timer_1', $1, 3, $1)`,
      [due],
    );
    const text = (await od.get('/api/metrics').expect(200)).text;

    expect(text).toContain(
      'orglife_http_request_duration_seconds_count{method="GET",route="/api/org-units/:id",status="2xx"} 1',
    );
    expect(text).not.toContain(t.units['C1']);
    expect(sample(text, 'orglife_jobs_due')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'orglife_job_oldest_due_lag_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'orglife_incidents_open')).toBe(0);
    expect(sample(text, 'orglife_process_resident_memory_bytes')).toBeGreaterThan(0);
    await t.db.query(`DELETE FROM wf_job WHERE id = 'metrics-test-job'`);
  });
});
