import { AsyncLocalStorage } from 'node:async_hooks';

interface Hold {
  active: boolean;
}

/**
 * Turns for the one session of an embedded database, first come first served. A holder's
 * own async work (a read through the data source inside its transaction) goes straight on:
 * it runs in the session the holder already has, where waiting would deadlock.
 */
export class SessionLock {
  private tail: Promise<void> = Promise.resolve();
  private readonly holds = new AsyncLocalStorage<Hold>();

  /** True when the calling async context holds the session. */
  held(): boolean {
    return this.holds.getStore()?.active === true;
  }

  /** Waits for the session; the returned function gives it back (calling it twice is harmless). */
  async acquire(): Promise<() => void> {
    let free!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (free = resolve));
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      free();
    };
  }

  /** Runs `work` holding the session; nested calls from inside `work` do not wait again. */
  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.held()) return work();
    const release = await this.acquire();
    const hold: Hold = { active: true };
    try {
      return await this.holds.run(hold, work);
    } finally {
      hold.active = false;
      release();
    }
  }
}
