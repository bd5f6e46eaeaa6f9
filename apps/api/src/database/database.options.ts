import type { DataSourceOptions } from 'typeorm';
import type { AppOptions } from '../app.options.js';
import { embeddedDriver } from './embedded-driver.js';
import { databaseHosts } from './database-hosts.js';
import { failoverClientFor } from './failover-client.js';
import { migrations } from './migrations/index.js';
import { makeDataDirPrivate } from './private-data-dir.js';

/**
 * One set of options for both databases: PostgreSQL through pg, or embedded PGlite. No entities:
 * each domain module registers its own (TypeOrmModule.forFeature), loaded by AppModule.
 */
export function databaseOptions(
  options: Pick<AppOptions, 'databaseUrl' | 'databaseSchema' | 'dataDir' | 'dropSchema'>,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    migrations,
    migrationsRun: true,
    synchronize: false,
    dropSchema: options.dropSchema ?? false,
    // gen_random_uuid() is built in since PostgreSQL 13; no extension to install.
    installExtensions: false,
  };
  if (options.databaseUrl) {
    const schema = options.databaseSchema;
    // A multi-host URL: pg gets its first host, and a client class that picks the primary.
    const Client = failoverClientFor(options.databaseUrl);
    // Pipelined: a unit of work's statements are all written before the first answer is awaited.
    const extra = {
      pipeline: true,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      ...(Client ? { Client } : {}),
    };
    return {
      ...common,
      url: Client ? databaseHosts(options.databaseUrl).url : options.databaseUrl,
      extra,
    };
  }
  if (options.dataDir) makeDataDirPrivate(options.dataDir);
  const pglite = options.dataDir ? { dataDir: options.dataDir } : {};
  return { ...common, driver: embeddedDriver(pglite) };
}
