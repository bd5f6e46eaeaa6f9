import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { ProblemException } from '../common/problem.js';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_IP = 50;

/**
 * Counts failed logins per username and per client address over a sliding 15-minute window.
 * The failures live in the database (`login_failure`), so every API process sharing it
 * enforces the same count.
 */
@Injectable()
export class LoginLimiter {
  private readonly maxPerUser: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.maxPerUser = options.loginMaxFailures ?? 5;
  }

  async assertAllowed(username: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const windowStart = new Date(now - WINDOW_MS);
    // The max-th most recent failure in the window, per key: the block lasts a window from it.
    const rows = await this.db.query<{ at: Date }[]>(
      `(SELECT at FROM login_failure WHERE key = $1 AND at > $3 ORDER BY at DESC OFFSET $4 LIMIT 1)
       UNION ALL
       (SELECT at FROM login_failure WHERE key = $2 AND at > $3 ORDER BY at DESC OFFSET $5 LIMIT 1)`,
      [userKey(username), ipKey(ip), windowStart, this.maxPerUser - 1, MAX_FAILURES_PER_IP - 1],
    );
    const blockedUntil = Math.max(0, ...rows.map((row) => new Date(row.at).getTime() + WINDOW_MS));
    if (blockedUntil > now) {
      const retryAfterSeconds = Math.ceil((blockedUntil - now) / 1000);
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many failed logins; try again in ${retryAfterSeconds} s. 登录失败次数过多，请稍后再试。`,
        { retryAfterSeconds },
      );
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const now = this.clock.now();
    await this.db.query(
      `WITH stale AS (DELETE FROM login_failure WHERE at <= $3)
       INSERT INTO login_failure (key, at) VALUES ($1, $4), ($2, $4)`,
      [userKey(username), ipKey(ip), new Date(now.getTime() - WINDOW_MS), now],
    );
  }

  async recordSuccess(username: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failure WHERE key = $1`, [userKey(username)]);
  }
}

function userKey(username: string): string {
  return `u:${username.trim().toLowerCase()}`.slice(0, 300);
}

function ipKey(ip: string): string {
  return `ip:${ip}`.slice(0, 300);
}
