import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import type { AppOptions } from '../app.options.js';
import { isServed } from '../database/backup/backup-socket.js';
import { databaseOptions } from '../database/database.options.js';
import { CliUsageError } from './command.js';

/** Refuses to open the embedded database while an API process runs on it. */
export async function assertEmbeddedStopped(pgliteDir: string): Promise<void> {
  if (await isServed(pgliteDir)) {
    throw new CliUsageError(
      `the API is running on the embedded database in ${pgliteDir}; stop it first`,
    );
  }
}

/** The configured database as it is: not migrated, not seeded. */
export async function openExistingDatabase(app: AppOptions): Promise<DataSource> {
  if (!app.databaseUrl && (!app.dataDir || !existsSync(app.dataDir))) {
    throw new CliUsageError(`there is no embedded database in ${app.dataDir} (check DATA_DIR)`);
  }
  const dataSource = new DataSource({ ...databaseOptions(app), migrationsRun: false });
  await dataSource.initialize();
  return dataSource;
}
