import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { readEnv } from '../config/server-config.js';
import { BackupRefused, readBackup, writeBackup } from '../database/backup/backup-file.js';
import { backupFromServer } from '../database/backup/backup-socket.js';
import { dumpDatabase } from '../database/backup/dump.js';
import { type CliCommand, CliUsageError } from './command.js';
import { openExistingDatabase } from './database-source.js';
import { oneFileArgument } from './file-argument.js';

/**
 * `orglife backup FILE`: one consistent snapshot of every table (attachments are rows too),
 * taken while the API runs. On PostgreSQL it reads the database directly; the embedded
 * database is asked of the API process that holds it, or read directly when none runs.
 */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'write a consistent snapshot of the running system (data and attachments) to FILE',
  usage: 'FILE   (a new file; gzip-compressed JSON lines)',
  async run(args) {
    const path = oneFileArgument(args, 'FILE');
    if (existsSync(path)) throw new CliUsageError(`${path} already exists; give a new file name`);
    const { app } = readEnv();
    try {
      if (app.databaseUrl || !(await backupFromServer(app.dataDir!, path))) {
        const dataSource = await openExistingDatabase(app);
        const runner = dataSource.createQueryRunner();
        try {
          await runner.connect();
          await writeBackup(dumpDatabase(runner, app.databaseUrl ? 'postgres' : 'pglite'), path);
        } finally {
          await runner.release();
          await dataSource.destroy();
        }
      }
      const { tables, rows } = await summary(path);
      console.log(`${path}: backup of ${tables} tables, ${rows} rows`);
      return 0;
    } catch (error) {
      if (!(error instanceof CliUsageError)) await rm(path, { force: true });
      throw error;
    }
  },
};

/** Reads the file back: a snapshot cut short (the server stopped mid-way) is refused here. */
async function summary(path: string): Promise<{ tables: number; rows: number }> {
  for await (const record of readBackup(path)) {
    if (record.kind === 'end') {
      const counts = Object.values(record.rows);
      return { tables: counts.length, rows: counts.reduce((a, b) => a + b, 0) };
    }
  }
  throw new BackupRefused(`${path} is incomplete`);
}
