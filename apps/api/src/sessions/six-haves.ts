import { MIN_SEGMENTS } from '../plans/plan.vocabulary.js';

/**
 * The seed's "six haves" of every session (有计划、有安排、有交流、有考勤、有记录、有总结), each
 * computed from the records: an approved plan; every segment of it arranged to a person (at
 * least the minimum number of segments); at least one exchange speech; attendance for everyone
 * with a sign-in sheet or photo, or the QR sign-ins (签到表); the session record; the summary.
 */
export const SIX_HAVES = [
  'plan',
  'arrangement',
  'exchange',
  'attendance',
  'record',
  'summary',
] as const;
export type SixHave = (typeof SIX_HAVES)[number];

export const SIX_HAVES_ZH: Record<SixHave, string> = {
  plan: '有计划',
  arrangement: '有安排',
  exchange: '有交流',
  attendance: '有考勤',
  record: '有记录',
  summary: '有总结',
};

export interface SixHavesCheck {
  sessionId: string;
  have: Record<SixHave, boolean>;
  /** The haves not met, in the seed's order; empty when the session is complete. */
  missing: SixHave[];
}

/** Anything that runs SQL: an EntityManager or the DataSource. */
interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

type Row = { sessionId: string } & Record<SixHave, boolean>;

/** The six-haves check of each session in `sessionIds` (one query, in the caller's transaction). */
export async function checkSixHaves(db: Queryable, sessionIds: string[]): Promise<SixHavesCheck[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db.query<Row[]>(
    `SELECT s.id AS "sessionId",
            p.status = 'approved' AS plan,
            jsonb_array_length(p.segments::jsonb) >= $2
              AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p.segments::jsonb) e
                               WHERE COALESCE(e->>'ownerId', '') = '') AS arrangement,
            EXISTS (SELECT 1 FROM session_speech x WHERE x.session_id = s.id) AS exchange,
            EXISTS (SELECT 1 FROM session_attendance a WHERE a.session_id = s.id)
              AND (EXISTS (SELECT 1 FROM session_attachment t
                            WHERE t.session_id = s.id AND t.kind IN ('photo', 'sign_in_sheet'))
                   OR EXISTS (SELECT 1 FROM session_sign_in q WHERE q.session_id = s.id)) AS attendance,
            s.held_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM session_segment g WHERE g.session_id = s.id) AS record,
            COALESCE(s.summary, '') <> '' AS summary
       FROM org_session s JOIN monthly_plan p ON p.id = s.plan_id
      WHERE s.id = ANY($1::uuid[])`,
    [sessionIds, MIN_SEGMENTS],
  );
  return rows.map((row) => {
    const have = Object.fromEntries(SIX_HAVES.map((k) => [k, row[k] === true])) as Record<
      SixHave,
      boolean
    >;
    return { sessionId: row.sessionId, have, missing: SIX_HAVES.filter((k) => !have[k]) };
  });
}
