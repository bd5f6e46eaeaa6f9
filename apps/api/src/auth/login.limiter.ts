import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TooSoon } from '../common/errors.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { Transactions } from '../database/transactions.js';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_IP = 50;

/** One password check taken from the allowance; it counts as a failure until it succeeds. */
export interface LoginAttempt {
  username: string;
  ip: string;
  at: Date;
  /** This attempt, if it fails, is the username's last allowed one: the account locks. */
  locksOut: boolean;
}

/**
 * Counts failed password checks (logins, a wrong old password) per username and per client
 * address over a sliding 15-minute window. The failures live in the database (`login_failure`),
 * so every API process sharing it enforces the same count. Each check first takes its attempt
 * under a lock on the username, so parallel guesses cannot all be checked before any is counted.
 */
@Injectable()
export class LoginLimiter {
  private readonly maxPerUser: number;

  constructor(
    private readonly transactions: Transactions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.maxPerUser = options.loginMaxFailures ?? 5;
  }

  /** Takes one attempt, recorded as a failure; 429 when the username or address has none left. */
  async take(username: string, ip: string): Promise<LoginAttempt> {
    const keys = [userKey(username), ipKey(ip)];
    type Outcome = { attempt: LoginAttempt } | { blockedUntil: number; now: Date };
    const outcome = await this.transactions.run(async (tx): Promise<Outcome> => {
      // Same order for every caller (username, then address): no lock cycle.
      for (const key of keys) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
      const now = this.clock.now();
      const { blockedUntil, userFailures } = await this.failuresIn(tx, keys, now);
      if (blockedUntil > now.getTime()) return { blockedUntil, now };
      await tx.query(
        `WITH stale AS (DELETE FROM login_failure WHERE at <= $3)
         INSERT INTO login_failure (key, at) VALUES ($1, $4), ($2, $4)`,
        [keys[0], keys[1], new Date(now.getTime() - WINDOW_MS), now],
      );
      return { attempt: { username, ip, at: now, locksOut: userFailures + 1 >= this.maxPerUser } };
    });
    if ('attempt' in outcome) return outcome.attempt;
    const retryAfterSeconds = Math.ceil((outcome.blockedUntil - outcome.now.getTime()) / 1000);
    throw new TooSoon(
      `Too many failed attempts; try again in ${retryAfterSeconds} s. 密码错误次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试。`,
      { retryAfterSeconds },
    );
  }

  /** The attempt was right: the username starts afresh and the address gets its attempt back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.transactions.run(async (tx) => {
      await tx.query(`DELETE FROM login_failure WHERE key = $1`, [userKey(attempt.username)]);
      await tx.query(
        `DELETE FROM login_failure WHERE ctid = (
           SELECT ctid FROM login_failure WHERE key = $1 AND at = $2 LIMIT 1)`,
        [ipKey(attempt.ip), attempt.at],
      );
    });
  }

  /** When the block of either key ends (the max-th most recent failure + a window), and the user's count. */
  private async failuresIn(
    tx: EntityManager,
    [user, ip]: string[],
    now: Date,
  ): Promise<{ blockedUntil: number; userFailures: number }> {
    const windowStart = new Date(now.getTime() - WINDOW_MS);
    const rows = await tx.query<{ at: Date }[]>(
      `(SELECT at FROM login_failure WHERE key = $1 AND at > $3 ORDER BY at DESC OFFSET $4 LIMIT 1)
       UNION ALL
       (SELECT at FROM login_failure WHERE key = $2 AND at > $3 ORDER BY at DESC OFFSET $5 LIMIT 1)`,
      [user, ip, windowStart, this.maxPerUser - 1, MAX_FAILURES_PER_IP - 1],
    );
    const [{ count }] = await tx.query<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM login_failure WHERE key = $1 AND at > $2`,
      [user, windowStart],
    );
    return {
      blockedUntil: Math.max(0, ...rows.map((row) => new Date(row.at).getTime() + WINDOW_MS)),
      userFailures: count,
    };
  }
}

function userKey(username: string): string {
  return `u:${username.trim().toLowerCase()}`.slice(0, 300);
}

function ipKey(ip: string): string {
  return `ip:${ip}`.slice(0, 300);
}
