import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { newRowId } from '../database/row-id.js';
import type { SecurityEventKind } from './security-event-kind.js';

/** Who an event is about: a person (their username is looked up when not given), or a username as typed. */
export interface EventSubject {
  personId?: string | null;
  username?: string | null;
}

export interface SecurityEventInput {
  kind: SecurityEventKind;
  /** Who did it; omitted for the person themselves signing in, or the command line. */
  actor?: Pick<AuthUser, 'personId' | 'username'> | null;
  subject?: EventSubject | null;
  ip?: string | null;
  /** A short free text: the role and unit granted, the process deployed, what was exported. */
  detail?: string | null;
}

export interface SecurityEventRow {
  id: string;
  at: Date;
  kind: SecurityEventKind;
  actorId: string | null;
  actorUsername: string | null;
  subjectId: string | null;
  subjectUsername: string | null;
  ip: string | null;
  detail: string | null;
}

export interface SecurityEventFilter {
  kind?: SecurityEventKind;
  from?: Date;
  to?: Date;
  /** Matches either username or the detail. */
  q?: string;
}

/** The security-event log: every module records through `record`, OD reads it with `list`. */
@Injectable()
export class SecurityEvents {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records an event; inside `em` it commits (or not) with the change it describes. */
  async record(event: SecurityEventInput, em?: EntityManager | null): Promise<void> {
    await (em ?? this.db.manager).query(
      `INSERT INTO security_event
         (id, at, kind, actor_id, actor_username, subject_id, subject_username, ip, detail)
       VALUES ($1, $2, $3, $4, $5, $6::uuid,
               coalesce($7, (SELECT username FROM account WHERE person_id = $6::uuid)), $8, $9)`,
      [
        newRowId(),
        this.clock.now(),
        event.kind,
        event.actor?.personId ?? null,
        event.actor?.username ?? null,
        event.subject?.personId ?? null,
        event.subject?.username?.slice(0, 64) ?? null,
        event.ip?.slice(0, 64) ?? null,
        event.detail?.slice(0, 2000) ?? null,
      ],
    );
  }

  async list(
    filter: SecurityEventFilter,
    limit: number,
    offset: number,
  ): Promise<{ items: SecurityEventRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.kind) add((n) => `kind = $${n}`, filter.kind);
    if (filter.from) add((n) => `at >= $${n}`, filter.from);
    if (filter.to) add((n) => `at < $${n}`, filter.to);
    if (filter.q) {
      add(
        (n) => `(actor_username ILIKE $${n} OR subject_username ILIKE $${n} OR detail ILIKE $${n})`,
        `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      );
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<[{ total: number }]>(
      `SELECT count(*)::int AS total FROM security_event ${whereSql}`,
      params,
    );
    const items = await this.db.query<SecurityEventRow[]>(
      `SELECT id, at, kind, actor_id AS "actorId", actor_username AS "actorUsername",
              subject_id AS "subjectId", subject_username AS "subjectUsername", ip, detail
         FROM security_event ${whereSql}
        ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { items, total };
  }
}
