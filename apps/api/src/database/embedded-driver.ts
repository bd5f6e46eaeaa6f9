import { getPGliteInstance, PGliteDriver } from 'typeorm-pglite';
import { SessionLock } from './session-lock.js';

type Pool = InstanceType<PGliteDriver['driver']['Pool']>;
type ConnectCallback = Parameters<Pool['connect']>[0];

const locks = new WeakMap<object, SessionLock>();

/**
 * The TypeORM driver for embedded PGlite. PGlite is one session shared by every query of the
 * process, so a query from one request could land inside another request's open transaction
 * (reading its uncommitted rows, or aborting it with an error of its own). Here each TypeORM
 * connection — a transaction, or a single read — holds the session until it is released.
 */
export function embeddedDriver(options: { dataDir?: string }): object {
  const lock = new SessionLock();
  const { Pool } = new PGliteDriver(options).driver;
  class SerialPool extends Pool implements ScriptRunner {
    /** Every statement's result, where the pool's `query` of a script returns the last one's. */
    async runScript(text: string): Promise<{ rows: unknown[] }[]> {
      return (await getPGliteInstance()).exec(text);
    }

    override async connect(callback: ConnectCallback): Promise<void> {
      if (lock.held()) return super.connect(callback);
      const release = await lock.acquire();
      return super.connect((error, client, done) => {
        if (error) release();
        callback(error, client, (doneError?: unknown) => {
          (done as (error?: unknown) => void)(doneError);
          release();
        });
      });
    }
  }
  const driver = { Pool: SerialPool };
  locks.set(driver, lock);
  return driver;
}

/** A connection that runs several statements in one call and returns each one's rows. */
export interface ScriptRunner {
  runScript(text: string): Promise<{ rows: unknown[] }[]>;
}

export const isScriptRunner = (client: unknown): client is ScriptRunner =>
  typeof (client as Partial<ScriptRunner> | null)?.runScript === 'function';

/** The session lock of an embedded driver; undefined for PostgreSQL, whose pool runs sessions side by side. */
export function sessionLockOf(driver: unknown): SessionLock | undefined {
  return typeof driver === 'object' && driver !== null ? locks.get(driver) : undefined;
}
