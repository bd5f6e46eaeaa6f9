import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';

/** Owner only: the embedded database's files hold password hashes and phone numbers. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Makes the embedded database's data folder and everything already in it owner-only, and sets
 * the process umask so that the files PGlite creates later (WAL segments, new relations) are too.
 */
export function makeDataDirPrivate(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  restrict(dataDir);
}

/**
 * Once the database is open: PGlite's first start copies its template cluster into the folder
 * with explicit world-readable modes (0666), which the umask cannot catch; this restricts them.
 */
@Injectable()
export class PrivateDataDir implements OnApplicationBootstrap {
  constructor(@Inject(APP_OPTIONS) private readonly options: AppOptions) {}

  onApplicationBootstrap(): void {
    if (this.options.dataDir && !this.options.databaseUrl) restrict(this.options.dataDir);
  }
}

function restrict(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, DIR_MODE);
    for (const entry of readdirSync(path)) restrict(join(path, entry));
  } else {
    chmodSync(path, FILE_MODE);
  }
}
