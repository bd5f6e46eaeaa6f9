import type { DatabaseHost } from './database-hosts.js';

/** No server of DATABASE_URL could be used (all down, or none out of recovery yet). */
export class DatabaseUnavailableError extends Error {
  /** SQLSTATE sqlclient_unable_to_establish_sqlconnection: the problem filter answers 503. */
  readonly code = '08001';
}

/** Connects to `host` and says whether it will do (for read-write: not in recovery). */
export type HostProbe = (host: DatabaseHost) => Promise<boolean>;

/**
 * Keeps the server new connections go to. The first that passes the probe is kept until a
 * connection to it fails; then the next connection probes the list again, so a promoted
 * standby is found by itself. Concurrent callers share one search.
 */
export class PrimarySelector {
  private current: DatabaseHost | null = null;
  private search: Promise<DatabaseHost> | null = null;

  constructor(
    private readonly hosts: readonly DatabaseHost[],
    private readonly probe: HostProbe,
  ) {}

  pick(): Promise<DatabaseHost> {
    if (this.current) return Promise.resolve(this.current);
    this.search ??= this.searchHosts().finally(() => {
      this.search = null;
    });
    return this.search;
  }

  /** A connection to `host` failed or broke: look again next time. */
  forget(host: DatabaseHost): void {
    if (this.current === host) this.current = null;
  }

  private async searchHosts(): Promise<DatabaseHost> {
    const reasons: string[] = [];
    for (const host of this.hosts) {
      try {
        if (await this.probe(host)) {
          this.current = host;
          return host;
        }
        reasons.push(`${host.host}:${host.port} is read-only`);
      } catch (error) {
        reasons.push(`${host.host}:${host.port} ${error instanceof Error ? error.message : error}`);
      }
    }
    throw new DatabaseUnavailableError(`No usable database server (${reasons.join('; ')})`);
  }
}
