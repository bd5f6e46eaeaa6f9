import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { ROLES_FRESH_MS } from './person-roles.js';

/**
 * Sign-in sessions ended by the identity service (CAS single logout, OIDC back-channel logout)
 * while their access tokens still live. A session is a refresh-token family; access tokens carry
 * it as `sid`. Ending one revokes its refresh tokens and lists it in `ended_session`; the guard
 * refuses its access tokens at once in this process, and in another process sharing the
 * database within `ROLES_FRESH_MS` (the list is read again at most that often, one query for
 * all sessions). Rows older than an access token's lifetime are dropped: no token outlives them.
 */
@Injectable()
export class EndedSessions {
  private readonly accessTtlMs: number;
  private ended = new Set<string>();
  /** Sessions ended through this process, kept across reads (a read may predate the commit). */
  private readonly endedHere = new Map<string, Date>();
  private readUntil = 0;
  private reading: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.accessTtlMs = (options.accessTokenTtlSeconds ?? 900) * 1000;
  }

  /** Ends these sessions: their refresh tokens are revoked and their access tokens refused. */
  async end(tx: EntityManager, familyIds: string[]): Promise<void> {
    if (familyIds.length === 0) return;
    const now = this.clock.now();
    await tx.query(
      `UPDATE refresh_token SET revoked_at = $2
        WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [familyIds, now],
    );
    await tx.query(
      `WITH stale AS (DELETE FROM ended_session WHERE ended_at < $3)
       INSERT INTO ended_session (family_id, ended_at)
       SELECT unnest($1::uuid[]), $2 ON CONFLICT (family_id) DO NOTHING`,
      [familyIds, now, this.oldestThatMatters()],
    );
    for (const id of familyIds) {
      this.ended.add(id);
      this.endedHere.set(id, now);
    }
  }

  async isEnded(sid: string): Promise<boolean> {
    if (performance.now() >= this.readUntil) {
      this.reading ??= this.read().finally(() => (this.reading = undefined));
      await this.reading;
    }
    return this.ended.has(sid);
  }

  private async read(): Promise<void> {
    const oldest = this.oldestThatMatters();
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT family_id AS id FROM ended_session WHERE ended_at >= $1`,
      [oldest],
    );
    for (const [id, at] of this.endedHere) if (at < oldest) this.endedHere.delete(id);
    this.ended = new Set([...rows.map((r) => r.id), ...this.endedHere.keys()]);
    this.readUntil = performance.now() + ROLES_FRESH_MS;
  }

  private oldestThatMatters(): Date {
    return new Date(this.clock.now().getTime() - this.accessTtlMs);
  }
}
