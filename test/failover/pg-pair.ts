import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPostgres, type Database } from '../cluster/support/database.js';
import { waitUntil } from '../cluster/support/invariants.js';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const STANDBY_NAME = 'orglife_standby';
const SETUP_MS = 100_000;

/** One server of the pair: its data folder and port. */
export interface PgServer {
  readonly dataDir: string;
  readonly port: number;
  url(database: string): string;
}

/**
 * A primary and a synchronous hot standby made from the machine's PostgreSQL binaries, in a
 * temporary folder owned by the `postgres` user (the tests run as root, which PostgreSQL
 * refuses). `remove()` stops both and deletes the folder, whatever state they are in.
 */
export class PgPair {
  private constructor(
    readonly folder: string,
    readonly primary: PgServer,
    readonly standby: PgServer,
  ) {}

  static async create(ports: [number, number], database: string): Promise<PgPair> {
    const folder = mkdtempSync(join(tmpdir(), 'orglife-failover-'));
    const pair = new PgPair(
      folder,
      server(folder, 'primary', ports[0]),
      server(folder, 'standby', ports[1]),
    );
    try {
      await withDeadline(pair.setUp(database), SETUP_MS, 'setting up the primary and standby');
      return pair;
    } catch (error) {
      await pair.remove();
      throw error;
    }
  }

  private async setUp(database: string): Promise<void> {
    const { uid, gid } = postgresIds();
    chownSync(this.folder, uid, gid);
    const { primary, standby } = this;
    await asPostgres('initdb', [
      '-D',
      primary.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    appendFileSync(
      join(primary.dataDir, 'postgresql.conf'),
      [
        ...serverSettings(this.folder, primary.port),
        'wal_level = replica',
        'max_wal_senders = 4',
        'synchronous_commit = on',
      ].join('\n') + '\n',
    );
    await this.start(primary);
    const admin = await openPostgres(primary.url('postgres'));
    await admin.query(`CREATE DATABASE ${database}`).finally(() => admin.close());

    await asPostgres('pg_basebackup', [
      '-d',
      `host=127.0.0.1 port=${primary.port} user=postgres application_name=${STANDBY_NAME}`,
      '-D',
      standby.dataDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
      '--checkpoint=fast',
    ]);
    // Promoted, the standby must not wait for a standby of its own.
    appendFileSync(
      join(standby.dataDir, 'postgresql.auto.conf'),
      [...serverSettings(this.folder, standby.port), "synchronous_standby_names = ''"].join('\n') +
        '\n',
    );
    await this.start(standby);
    // Only now: with no standby attached, a synchronous commit would wait forever.
    const db = await openPostgres(primary.url('postgres'));
    try {
      await db.query(`ALTER SYSTEM SET synchronous_standby_names = '${STANDBY_NAME}'`);
      await db.query('SELECT pg_reload_conf()');
    } finally {
      await db.close();
    }
    await this.waitForSyncStandby();
  }

  private async start(pg: PgServer): Promise<void> {
    await asPostgres('pg_ctl', [
      '-D',
      pg.dataDir,
      '-l',
      `${pg.dataDir}.log`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  private async waitForSyncStandby(): Promise<void> {
    const db = await openPostgres(this.primary.url('postgres'));
    try {
      await waitUntil(
        'the standby streams synchronously',
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_replication WHERE application_name = $1 AND sync_state = 'sync'`,
              [STANDBY_NAME],
            )
          ).length === 1,
        60_000,
      );
    } finally {
      await db.close();
    }
  }

  /** `kill -9` of the primary's postmaster: no shutdown, no checkpoint. */
  killPrimary(): void {
    process.kill(postmasterPid(this.primary), 'SIGKILL');
  }

  /** `pg_ctl promote` of the standby, waiting until it accepts writes. */
  async promoteStandby(): Promise<void> {
    await asPostgres('pg_ctl', ['-D', this.standby.dataDir, '-w', '-t', '60', 'promote']);
  }

  /** Opens the standby's `database` (the new primary after a promotion). */
  openStandby(database: string): Promise<Database> {
    return openPostgres(this.standby.url(database));
  }

  /** Stops both servers (immediately) and deletes the folder; never throws. */
  async remove(): Promise<void> {
    for (const pg of [this.primary, this.standby]) {
      const pid = postmasterPidOrNull(pg);
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    // Backends of a killed postmaster notice its death and exit on their own; give them a moment.
    await new Promise((r) => setTimeout(r, 500));
    rmSync(this.folder, { recursive: true, force: true });
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function server(folder: string, name: string, port: number): PgServer {
  return {
    dataDir: join(folder, name),
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
  };
}

function serverSettings(folder: string, port: number): string[] {
  return [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${folder}'`,
    'hot_standby = on',
    'max_connections = 60',
    'shared_buffers = 32MB',
    // A test's data is worth nothing after it: skip the disk flushes on a loaded machine.
    'fsync = off',
    'full_page_writes = off',
  ];
}

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error('no postgres user on this machine');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a PostgreSQL tool as the postgres user (as root through runuser). */
async function asPostgres(tool: string, args: string[]): Promise<void> {
  const path = join(BIN, tool);
  const [command, commandArgs] =
    userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  try {
    await run(command, commandArgs, { timeout: 120_000 });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`${tool} failed: ${stderr?.trim() || String(error)}`, { cause: error });
  }
}

function postmasterPidOrNull(pg: PgServer): number | null {
  try {
    const pid = Number(readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    // A killed postmaster leaves its pid file behind: only a live postmaster of this folder counts.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(pg.dataDir) ? pid : null;
  } catch {
    return null;
  }
}

function postmasterPid(pg: PgServer): number {
  const pid = postmasterPidOrNull(pg);
  if (!pid) throw new Error(`no postmaster.pid in ${pg.dataDir}`);
  return pid;
}
