import { databaseHosts } from '../database/database-hosts.js';
import { probe } from '../database/failover-client.js';
import { PrimarySelector } from '../database/primary-selector.js';
import { ConfigError } from './server-config.js';

/**
 * Connects once to DATABASE_URL before anything else, so a wrong one stops the start at once.
 * With several hosts one must answer (and be the primary when target_session_attrs asks).
 */
export async function assertDatabaseReachable(url: string): Promise<void> {
  try {
    const { hosts, url: first, readWrite } = databaseHosts(url);
    await new PrimarySelector(hosts, (host) => probe(first, host, readWrite)).pick();
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new ConfigError(`DATABASE_URL ${redacted(url)}: cannot connect (${reason})`);
  }
}

function redacted(url: string): string {
  return url.replace(/^([^:]+:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}
