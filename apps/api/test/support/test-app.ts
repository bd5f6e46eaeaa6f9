import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { DataSource } from 'typeorm';
import { AppModule, type AppOptions } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { createHttpAdapter } from '../../src/http/http-adapter.js';
import { ManualClock } from '../../src/clock/clock.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-university.js';

export type Client = TestAgent;

export interface TestAppOptions {
  /** Seed the demo university (default true). */
  seed?: boolean;
  /** Where the manual clock starts (default 2026-03-02T01:00Z, a Monday 09:00 in Beijing). */
  now?: Date;
  /** Anything else for AppModule.forRoot (the database options are set by the harness). */
  app?: Partial<AppOptions>;
}

export interface TestApp {
  app: INestApplication;
  /** Unauthenticated requests: `http().get('/api/health')`. */
  http: () => supertest.Agent;
  clock: ManualClock;
  db: DataSource;
  /** Seeded org unit ids by code: U, C1, C1-B1, C1-B1-G1, C1-B1-G2, C1-B2, C1-B3, C2, C2-B1, C2-B1-G1, C2-B2, D1. */
  units: Record<string, string>;
  /** Seeded person ids by username (od_admin, branch_secretary, m001…). */
  people: Record<string, string>;
  /** Logs in through the API and returns an agent that sends the access token. */
  login: (username: string, password?: string) => Promise<Client>;
  /** Logs in several demo users at once: `const [a, b] = await t.loginAll('od_admin', 'member')`. */
  loginAll: <const U extends readonly string[]>(
    ...usernames: U
  ) => Promise<{ [K in keyof U]: Client }>;
  /** Every route the HTTP server registered (`GET /api/plans/:id`), HEAD twins left out. */
  routes: string[];
  close: () => Promise<void>;
}

/**
 * Boots the whole app once per test file: in-memory PGlite, or PostgreSQL in a fresh schema of
 * its own when DATABASE_URL is set. Logs are silent; the clock is manual.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = new ManualClock(options.now);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = databaseUrl ? await createSchema(databaseUrl) : undefined;
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        databaseUrl,
        databaseSchema: schema,
        clock,
        seed: options.seed ?? true,
        logLevel: 'silent',
        ...options.app,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), {
    logger: false,
  });
  const routes: string[] = [];
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
      }
    });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get<DataSource>(getDataSourceToken());
  const server = app.getHttpServer() as Parameters<typeof supertest>[0];
  const http = () => supertest.agent(server);

  const login = async (username: string, password = DEMO_PASSWORD): Promise<Client> => {
    const res = await http().post('/api/auth/login').send({ username, password });
    if (res.status !== 200) {
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const { accessToken } = res.body as { accessToken: string };
    return supertest.agent(server).set('Authorization', `Bearer ${accessToken}`);
  };

  return {
    app,
    http,
    clock,
    db,
    units: await idsBy(db, `SELECT code AS key, id FROM org_unit`),
    people: await idsBy(db, `SELECT username AS key, person_id AS id FROM account`),
    login,
    routes,
    async loginAll(...usernames) {
      const clients: Client[] = [];
      for (const username of usernames) clients.push(await login(username));
      return clients as never;
    },
    async close() {
      await app.close();
      if (databaseUrl && schema) await dropSchema(databaseUrl, schema);
    },
  };
}

async function idsBy(db: DataSource, sql: string): Promise<Record<string, string>> {
  const rows = await db.query<{ key: string; id: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.key, r.id]));
}

async function createSchema(url: string): Promise<string> {
  const schema = `test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  return schema;
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
