import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { readEnv } from '../config/server-config.js';
import { BackupRefused, readBackup } from '../database/backup/backup-file.js';
import { restoreDatabase } from '../database/backup/restore.js';
import { databaseOptions } from '../database/database.options.js';
import { type CliCommand, CliUsageError } from './command.js';
import { assertEmbeddedStopped } from './database-source.js';
import { oneFileArgument } from './file-argument.js';

/** `orglife restore FILE`: a backup into the configured, empty database — all of it or nothing. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'load a backup into an empty database (DATABASE_URL, or a new DATA_DIR)',
  usage: 'FILE   (refused when the database has tables or the backup is newer than this code)',
  async run(args) {
    const path = oneFileArgument(args, 'FILE');
    const { app } = readEnv();
    const embedded = !app.databaseUrl ? app.dataDir! : undefined;
    if (embedded) await assertEmbeddedStopped(embedded);
    const created = embedded !== undefined && !existsSync(embedded);
    try {
      const { tables, rows } = await restoreDatabase(
        { ...databaseOptions(app), dropSchema: false },
        readBackup(path),
      );
      console.log(`${path}: restored ${tables} tables, ${rows} rows`);
      return 0;
    } catch (error) {
      // An embedded database this command created is removed again: nothing is left behind.
      if (created) await rm(embedded, { recursive: true, force: true });
      if (error instanceof BackupRefused) throw new CliUsageError(error.message);
      throw error;
    }
  },
};
