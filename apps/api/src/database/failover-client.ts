import pg from 'pg';
import { databaseHosts, type DatabaseHost } from './database-hosts.js';
import { PrimarySelector } from './primary-selector.js';

const PROBE_TIMEOUT_MS = 3_000;

/**
 * The pg client class for a multi-host DATABASE_URL (see `databaseHosts`): each new pooled
 * connection goes to the server the selector holds, and a connection that fails or breaks
 * makes the selector look again. Undefined for a plain one-host URL.
 */
export function failoverClientFor(url: string): typeof pg.Client | undefined {
  const parsed = databaseHosts(url);
  if (parsed.hosts.length === 1 && !parsed.readWrite) return undefined;
  const selector = new PrimarySelector(parsed.hosts, (host) =>
    probe(parsed.url, host, parsed.readWrite),
  );
  class FailoverClient extends pg.Client {}
  FailoverClient.prototype.connect = function (
    this: pg.Client,
    callback?: (err: Error | null) => void,
  ): Promise<void> | void {
    const connected = connectToSelected(this, selector);
    if (!callback) return connected;
    connected.then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  } as pg.Client['connect'];
  return FailoverClient;
}

const connectOnce = pg.Client.prototype.connect as (this: pg.Client) => Promise<pg.Client>;

async function connectToSelected(client: pg.Client, selector: PrimarySelector): Promise<void> {
  const host = await selector.pick();
  client.host = host.host;
  client.port = host.port;
  client.on('error', () => selector.forget(host));
  try {
    await connectOnce.call(client);
  } catch (error) {
    selector.forget(host);
    throw error;
  }
}

/** Connects to one server; for read-write, true only when it is not in recovery. */
export async function probe(url: string, host: DatabaseHost, readWrite: boolean): Promise<boolean> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  client.host = host.host;
  client.port = host.port;
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (!readWrite) return true;
    const { rows } = await client.query<{ recovering: boolean }>(
      'SELECT pg_is_in_recovery() AS recovering',
    );
    return rows[0]?.recovering === false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
