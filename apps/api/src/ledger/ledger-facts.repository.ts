import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReadReplica } from '../database/read-replica.js';
import { checkSixHaves } from '../sessions/six-haves.js';
import { universityTimeZone } from '../common/time-zone.js';
import { quoteLiteral } from '../database/sql-literals.js';
import type { LedgerFacts } from './ledger-facts.js';

/** Days are calendar days on the university's clock, the days written on the records. */
const zone = () => quoteLiteral(universityTimeZone());
const DAY = (column: string) => `to_char(${column} AT TIME ZONE ${zone()}, 'YYYY-MM-DD')`;
const HELD = `s.status IN ('recorded','summarized','closed') AND s.held_at IS NOT NULL`;

/**
 * Reads the facts of one year for the branches in `branchIds` from the records the session
 * and evaluation flows wrote; nothing here is entered for the ledger's sake.
 */
@Injectable()
export class LedgerFactsRepository {
  constructor(private readonly replica: ReadReplica) {}

  async load(year: number, branchIds: string[]): Promise<LedgerFacts> {
    const db = await this.replica.reader();
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const sessionScope = `s.branch_id = ANY($1::uuid[]) AND s.held_at >= ($2::date AT TIME ZONE ${zone()}) AND s.held_at < ($3::date AT TIME ZONE ${zone()}) AND ${HELD}`;
    const args = [branchIds, from, to];
    const q = <T>(sql: string, params: unknown[] = args) => db.query<T[]>(sql, params);

    // Each stretch of membership of a branch (or one of its groups) overlapping the year: a
    // member counts for a branch only from the day they joined it until the day they left.
    // Their first stretch counts from their first recorded attendance when that is earlier
    // (records kept before the person was entered into the system).
    const members = await q<LedgerFacts['members'][number]>(
      `SELECT pe.id AS "personId", pe.name, m.org_unit_id AS "orgUnitId", b.id AS "branchId",
              CASE WHEN EXISTS (SELECT 1 FROM org_membership e WHERE e.person_id = m.person_id AND e.from_on < m.from_on)
                   THEN to_char(m.from_on, 'YYYY-MM-DD')
                   ELSE LEAST(to_char(m.from_on, 'YYYY-MM-DD'),
                              (SELECT min(${DAY('s.held_at')}) FROM session_attendance a JOIN org_session s ON s.id = a.session_id
                                WHERE a.person_id = pe.id AND s.branch_id = b.id AND ${HELD})) END AS since,
              to_char(m.to_on, 'YYYY-MM-DD') AS until
         FROM org_membership m JOIN person pe ON pe.id = m.person_id
         JOIN org_unit u ON u.id = m.org_unit_id
         JOIN org_unit b ON b.id = ANY($1::uuid[]) AND (u.id = b.id OR u.parent_id = b.id)
        WHERE pe.member_type IS NOT NULL
          AND m.from_on < $3::date AND (m.to_on IS NULL OR m.to_on > $2::date)
        ORDER BY u.path, pe.employee_no, m.from_on`,
    );
    // A member's own records follow them across branches (a transfer keeps what they did).
    const personIds = [...new Set(members.map((m) => m.personId))];
    const personScope = `x.person_id = ANY($1::uuid[]) AND s.held_at >= ($2::date AT TIME ZONE ${zone()}) AND s.held_at < ($3::date AT TIME ZONE ${zone()}) AND ${HELD}`;
    const personArgs = [personIds, from, to];

    const [branches, sessions, attendance, speeches, lectures, reports, comments] =
      await Promise.all([
        q<LedgerFacts['branches'][number]>(
          `SELECT b.id AS "branchId", b.name,
                  CASE WHEN p.type = 'committee' THEN p.id ELSE b.id END AS "committeeId",
                  COALESCE(array_agg(DISTINCT ra.person_id) FILTER (WHERE ra.role = 'branch_secretary'), '{}') AS "secretaryIds",
                  COALESCE(array_agg(DISTINCT ra.person_id) FILTER (WHERE ra.role = 'branch_committee'), '{}') AS "committeeMemberIds",
                  ${DAY(`LEAST(b.created_at, (SELECT min(s.held_at) FROM org_session s WHERE s.branch_id = b.id AND ${HELD}))`)} AS since,
                  EXISTS (SELECT 1 FROM org_unit g WHERE g.parent_id = b.id AND g.type = 'group') AS "hasGroups"
             FROM org_unit b JOIN org_unit p ON p.id = b.parent_id
             LEFT JOIN role_assignment ra ON ra.org_unit_id = b.id
            WHERE b.id = ANY($1::uuid[]) GROUP BY b.id, p.id, p.type ORDER BY b.path`,
          [branchIds],
        ),
        q<Omit<LedgerFacts['sessions'][number], 'sixHavesMissing'>>(
          `SELECT s.id AS "sessionId", s.branch_id AS "branchId", ${DAY('s.held_at')} AS "heldOn",
                  COALESCE((SELECT array_agg(seg.key) FROM session_segment seg WHERE seg.session_id = s.id), '{}') AS segments,
                  s.meeting_types AS "meetingTypes",
                  CASE WHEN s.activity IS NULL THEN '{}'::text[] ELSE ARRAY[s.activity->>'kind'] END AS activities
             FROM org_session s WHERE ${sessionScope}`,
        ),
        q<LedgerFacts['attendance'][number]>(
          `SELECT x.person_id AS "personId", ${DAY('s.held_at')} AS "heldOn", x.status
             FROM session_attendance x JOIN org_session s ON s.id = x.session_id WHERE ${personScope}`,
          personArgs,
        ),
        q<LedgerFacts['speeches'][number]>(
          `SELECT x.person_id AS "personId", ${DAY('s.held_at')} AS "heldOn"
             FROM session_speech x JOIN org_session s ON s.id = x.session_id WHERE ${personScope}`,
          personArgs,
        ),
        q<LedgerFacts['lectures'][number]>(
          `SELECT s.branch_id AS "branchId", ${DAY('s.held_at')} AS "heldOn", l.kind, l.speaker_id AS "personId"
             FROM session_lecture l JOIN org_session s ON s.id = l.session_id
            WHERE (s.branch_id = ANY($1::uuid[]) OR l.speaker_id = ANY($4::uuid[]))
              AND s.held_at >= ($2::date AT TIME ZONE ${zone()}) AND s.held_at < ($3::date AT TIME ZONE ${zone()}) AND ${HELD}`,
          [...args, personIds],
        ),
        q<LedgerFacts['reports'][number]>(
          `SELECT x.person_id AS "personId", ${DAY('s.held_at')} AS "heldOn"
             FROM session_report x JOIN org_session s ON s.id = x.session_id WHERE ${personScope}`,
          personArgs,
        ),
        // A comment counts for the quarter its round is for, whenever it was written: dated the
        // day written, or the quarter's last day when written after it (never the quarter's first
        // day, which would fall before a member who joined during the quarter).
        q<LedgerFacts['vanguardComments'][number]>(
          `SELECT c.person_id AS "personId",
                  to_char(LEAST(c.created_at AT TIME ZONE ${zone()},
                                (substr(r.quarter, 1, 4) || '-' || lpad(((substr(r.quarter, 6, 1)::int - 1) * 3 + 1)::text, 2, '0') || '-01')::date
                                  + interval '3 months' - interval '1 day'), 'YYYY-MM-DD') AS "heldOn"
             FROM vanguard_comment c JOIN vanguard_round r ON r.id = c.round_id
            WHERE c.person_id = ANY($1::uuid[]) AND substr(r.quarter, 1, 4) = $2`,
          [personIds, String(year)],
        ),
      ]);
    const checks = await checkSixHaves(
      db,
      sessions.map((s) => s.sessionId),
    );
    const missing = new Map(checks.map((c) => [c.sessionId, c.missing]));
    const [committeeSecretaries, leaders] = await Promise.all([
      this.holders(
        db,
        'committee_secretary',
        branches.map((b) => b.committeeId),
      ),
      this.holders(db, 'leader', null),
    ]);
    return {
      branches,
      members,
      committeeSecretaries,
      leaders,
      sessions: sessions.map((s) => ({ ...s, sixHavesMissing: missing.get(s.sessionId) ?? [] })),
      attendance,
      speeches,
      lectures,
      reports,
      vanguardComments: comments,
    };
  }

  /** People holding `role` on one of `unitIds` (any unit when null). */
  private holders(db: EntityManager, role: string, unitIds: string[] | null) {
    return db.query<LedgerFacts['leaders']>(
      `SELECT DISTINCT pe.id AS "personId", pe.name, ra.org_unit_id AS "orgUnitId",
              ${DAY('pe.created_at')} AS since
         FROM role_assignment ra JOIN person pe ON pe.id = ra.person_id
        WHERE ra.role = $1 AND ($2::uuid[] IS NULL OR ra.org_unit_id = ANY($2::uuid[]))
        ORDER BY pe.name`,
      [role, unitIds],
    );
  }
}
