import { pathToFileURL } from 'node:url';
import { apiRequire } from './paths.js';

/** Read access to the API's tables from the test, over pg or an embedded PGlite folder. */
export interface Database {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
}

async function pgClient(connectionString: string): Promise<PgClient> {
  const { Client } = apiRequire('pg') as { Client: new (o: object) => PgClient };
  const client = new Client({ connectionString });
  await client.connect();
  return client;
}

export async function openPostgres(url: string): Promise<Database> {
  const client = await pgClient(url);
  return {
    query: async <T>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

/** Drops and creates `name` on the server of `serverUrl`; returns its URL. */
export async function freshPostgresDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = await pgClient(serverUrl);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface PGliteLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

/** Opens the PGlite folder the API wrote (the API must be stopped: one process at a time). */
export async function openPglite(folder: string): Promise<Database> {
  const entry = pathToFileURL(apiRequire.resolve('@electric-sql/pglite')).href.replace(
    /index\.cjs$/,
    'index.js',
  );
  const { PGlite } = (await import(entry)) as { PGlite: new (dir: string) => PGliteLike };
  const db = new PGlite(folder);
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query(sql, params)).rows as T[],
    close: () => db.close(),
  };
}
