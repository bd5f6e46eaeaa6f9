import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { ProblemException } from '../common/problem.js';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_IP = 50;
const MAX_TRACKED_KEYS = 10_000;

/**
 * Counts failed logins per username and per client address over a sliding 15-minute window.
 * In-process: with several API processes each keeps its own count (a bound of N× the limit).
 */
@Injectable()
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxPerUser: number;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.maxPerUser = options.loginMaxFailures ?? 5;
  }

  assertAllowed(username: string, ip: string): void {
    const now = this.clock.now().getTime();
    const userKey = this.userKey(username);
    const ipKey = this.ipKey(ip);
    const blockedUntil = Math.max(
      this.blockedUntil(userKey, this.maxPerUser, now),
      this.blockedUntil(ipKey, MAX_FAILURES_PER_IP, now),
    );
    if (blockedUntil > now) {
      const retryAfterSeconds = Math.ceil((blockedUntil - now) / 1000);
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many failed logins; try again in ${retryAfterSeconds} s. 登录失败次数过多，请稍后再试。`,
        { retryAfterSeconds },
      );
    }
  }

  recordFailure(username: string, ip: string): void {
    const now = this.clock.now().getTime();
    if (this.failures.size > MAX_TRACKED_KEYS) this.forgetStale(now);
    for (const key of [this.userKey(username), this.ipKey(ip)]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(this.userKey(username));
  }

  /** Bounds memory when many different usernames fail (e.g. a spray of guessed names). */
  private forgetStale(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }

  private blockedUntil(key: string, max: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < max) return 0;
    return (recent[recent.length - max] ?? now) + WINDOW_MS;
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  private userKey(username: string): string {
    return `u:${username.trim().toLowerCase()}`;
  }

  private ipKey(ip: string): string {
    return `ip:${ip}`;
  }
}
