import { readEnv } from '../config/server-config.js';
import { BackupRefused } from '../database/backup/backup-file.js';
import { dumpDatabase } from '../database/backup/dump.js';
import { restoreDatabase } from '../database/backup/restore.js';
import { databaseOptions } from '../database/database.options.js';
import { type CliCommand, CliUsageError } from './command.js';
import { assertEmbeddedStopped, openExistingDatabase } from './database-source.js';

/**
 * `orglife migrate-to-postgres --to URL`: the stopped embedded database (DATA_DIR) copied row
 * for row into an empty PostgreSQL database — ids, versions, running instances, timers,
 * history, attachments and sequences as they are — in one transaction.
 */
export const migrateToPostgresCommand: CliCommand = {
  name: 'migrate-to-postgres',
  summary: 'copy the stopped embedded database into an empty PostgreSQL database',
  usage: '--to postgres://user:password@host:5432/db',
  async run(args) {
    const url = targetUrl(args);
    const { app } = readEnv();
    if (app.databaseUrl) {
      throw new CliUsageError('DATABASE_URL is set: the source must be the embedded database');
    }
    await assertEmbeddedStopped(app.dataDir!);
    const source = await openExistingDatabase(app);
    const runner = source.createQueryRunner();
    try {
      await runner.connect();
      const { tables, rows } = await restoreDatabase(
        databaseOptions({ databaseUrl: url }),
        dumpDatabase(runner, 'pglite'),
      );
      console.log(
        `copied ${tables} tables, ${rows} rows to PostgreSQL; start the API with DATABASE_URL set to it`,
      );
      return 0;
    } catch (error) {
      if (error instanceof BackupRefused) throw new CliUsageError(error.message);
      throw error;
    } finally {
      await runner.release();
      await source.destroy();
    }
  },
};

function targetUrl(args: string[]): string {
  const at = args.indexOf('--to');
  const url = at >= 0 ? args[at + 1] : undefined;
  const extra = args.filter((_, i) => i !== at && i !== at + 1);
  if (!url || extra.length > 0) throw new CliUsageError('usage: migrate-to-postgres --to URL');
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new CliUsageError(`--to must be a postgres:// URL, got "${url}"`);
  }
  return url;
}
