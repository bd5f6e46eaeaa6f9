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
    // JIT off: the API's statements are short, and PostgreSQL spends about 250 ms compiling a
    // plan whose estimated cost passes jit_above_cost (one over JSON rows can, whatever the
    // rows), far more than any of them runs.
    const settings = ['-c jit=off', ...(schema ? [`-c search_path=${schema}`] : [])];
    // Pipelined: a unit of work's statements are all written before the first answer is awaited.
    const extra = {
      pipeline: true,
      options: settings.join(' '),
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
