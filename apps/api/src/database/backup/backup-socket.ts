import { createWriteStream } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { writeBackup } from './backup-file.js';
import { dumpDatabase } from './dump.js';

/**
 * The embedded database belongs to the one API process that opened it, so `orglife backup`
 * asks that process for the snapshot over a Unix socket next to the data folder
 * (`DATA_DIR/pglite.sock`, readable by the data folder's owner only, like the data itself).
 */
export function backupSocketPath(pgliteDir: string): string {
  return `${pgliteDir}.sock`;
}

/** Starts serving snapshots of the embedded database; refuses when another process serves it. */
export async function serveBackups(dataSource: DataSource, pgliteDir: string): Promise<Server> {
  if (await isServed(pgliteDir)) {
    throw new Error(`another OrgLife process already runs the embedded database in ${pgliteDir}`);
  }
  const path = backupSocketPath(pgliteDir);
  await rm(path, { force: true });
  const server = createServer((socket) => {
    socket.once('data', (request) => {
      if (request.toString().trim() !== 'backup') {
        socket.end();
        return;
      }
      const runner = dataSource.createQueryRunner();
      runner
        .connect()
        .then(() => writeBackup(dumpDatabase(runner, 'pglite'), socket))
        .catch((error: Error) => socket.destroy(error))
        .finally(() => void runner.release());
    });
    socket.on('error', () => undefined);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, resolve);
    });
    await chmod(path, 0o600);
  } catch (error) {
    // e.g. a path longer than a socket address allows: the API still runs, backups need it stopped.
    console.error(
      `orglife: no backups of the running API (${path}: ${(error as Error).message}); stop it to run orglife backup`,
    );
  }
  return server;
}

/** Whether a running API process holds the embedded database in `pgliteDir`. */
export function isServed(pgliteDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(backupSocketPath(pgliteDir));
    socket.once('connect', () => {
      socket.end('ping\n');
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Asks the running API for a snapshot into `file`; false when no API process serves it. */
export async function backupFromServer(pgliteDir: string, file: string): Promise<boolean> {
  if (!(await isServed(pgliteDir))) return false;
  const socket = connect(backupSocketPath(pgliteDir));
  socket.write('backup\n');
  await pipeline(socket, createWriteStream(file, { flags: 'wx' }));
  return true;
}
