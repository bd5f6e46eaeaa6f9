/**
 * Property-based fuzzing of every route (issue 14): generated bodies, query strings, path
 * parameters and headers, sent anonymously and as OD and as a plain member. Whatever comes in,
 * the answer is never a 500, never slower than a second, and a 4xx changes no data.
 *
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set. FUZZ_RUNS sets the number of
 * generated requests (default 300, a few seconds).
 */
import fc from 'fast-check';
import type { Test } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from './support/test-app.js';
import { createTestApp } from './support/test-app.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SLOWEST_MS = 1000;
/** A request still unanswered after this long counts as hung (and the run goes on). */
const HUNG_MS = 10_000;
/** Routes that answer with an open event stream: their first bytes are the answer. */
const STREAMS = new Set(['GET /api/notifications/stream']);
/** Tables a refused request may legitimately write: the login throttle's failures. */
const WRITTEN_ON_REFUSAL = new Set(['login_failure', 'migrations']);

describe('route fuzzing', () => {
  let t: TestApp;
  const callers = new Map<string, Client | null>();
  let tables: string[];

  beforeAll(async () => {
    t = await createTestApp({ app: { workflow: { jobExecutor: { enabled: false } } } });
    callers.set('anonymous', null);
    callers.set('od_admin', await t.login('od_admin'));
    callers.set('member', await t.login('member'));
    const rows = await t.db.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    tables = rows.map((r) => r.name).filter((name) => !WRITTEN_ON_REFUSAL.has(name));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One digest per table of everything in it, to tell whether a request changed data. */
  async function digest(): Promise<Record<string, string>> {
    const sql = tables
      .map(
        (table) =>
          `SELECT '${table}' AS name, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM ${table} x`,
      )
      .join(' UNION ALL ');
    const rows = await t.db.query<{ name: string; d: string }[]>(sql);
    return Object.fromEntries(rows.map((r) => [r.name, r.d]));
  }

  /** Ends an event stream after its first chunk (a refusal ends by itself). */
  const firstChunkOnly: Parameters<Test['parse']>[0] = (res, done) => {
    // in Node, superagent hands its parsers the response stream itself
    const stream = res as unknown as NodeJS.ReadableStream & { destroy(): void };
    let answered = false;
    const finish = (chunk?: Buffer) => {
      if (answered) return;
      answered = true;
      stream.destroy();
      done(null, chunk?.toString() ?? '');
    };
    stream.once('data', finish);
    stream.once('end', () => finish());
  };

  const text = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('', ' ', '0', '-1', '1e20', 'null', '00000000-0000-4000-8000-000000000000'),
    fc.string({ unit: 'binary', maxLength: 10 }),
  );
  const json = fc.jsonValue({ maxDepth: 4 });
  const body = fc.oneof(json, fc.dictionary(text, json, { maxKeys: 6 }));
  const query = fc.dictionary(
    fc.oneof(fc.constantFrom('page', 'pageSize', 'q', 'orgUnitId', 'month', 'year', 'tab'), text),
    text,
    { maxKeys: 4 },
  );
  const headers = fc.record(
    {
      'content-type': fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'application/json; charset=latin1',
      ),
      'x-request-id': fc.stringMatching(/^[\x21-\x7e]{0,200}$/),
      'accept-language': fc.constantFrom('en', 'zh-CN', '*', ''),
    },
    { requiredKeys: [] },
  );

  it('never answers 500, never takes a second, and changes nothing when refusing', async () => {
    const routes = t.routes.filter((route) => !route.includes('/api/docs'));
    const failures: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.constantFrom(...callers.keys()),
          fc.array(text, { minLength: 3, maxLength: 3 }),
          body,
          query,
          headers,
          async (route, who, params, payload, search, extra) => {
            const [method, pattern] = route.split(' ') as [string, string];
            let i = 0;
            const path = pattern.replace(/:\w+|\*/g, () => encodeURIComponent(params[i++] || 'x'));
            const agent = (callers.get(who) ?? t.http()) as Client;
            const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
            const before = await digest();
            const started = Date.now();
            let req = agent[verb](path).query(search);
            for (const [name, value] of Object.entries(extra)) req = req.set(name, value);
            req = req.timeout({ deadline: HUNG_MS });
            // superagent hands a parser the raw response stream; its types name a Response
            if (STREAMS.has(route))
              req = req.buffer(true).parse(firstChunkOnly as unknown as (str: string) => unknown);
            if (method !== 'GET') {
              req = req.send(
                extra['content-type']?.startsWith('application/json')
                  ? JSON.stringify(payload)
                  : String(JSON.stringify(payload)),
              );
            }
            const res = await req.catch((error: Error) => {
              failures.push(`hung: ${route} as ${who}: ${error.message}`);
              return null;
            });
            if (!res) return false;
            const ms = Date.now() - started;
            const what = `${route} as ${who} → ${res.status} in ${ms} ms: ${JSON.stringify({ path, search, payload, extra })}`;
            if (res.status >= 500) failures.push(`500: ${what} ${JSON.stringify(res.body)}`);
            if (ms > SLOWEST_MS) failures.push(`slow: ${what}`);
            if (res.status >= 400 && res.status < 500) {
              const after = await digest();
              const changed = tables.filter((table) => before[table] !== after[table]);
              if (changed.length > 0) failures.push(`changed ${changed.join(', ')}: ${what}`);
            }
            return failures.length === 0;
          },
        ),
        {
          numRuns: RUNS,
          endOnFailure: true,
          seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
        },
      )
      .catch(() => undefined);
    expect(failures).toEqual([]);
  }, 600_000);
});
