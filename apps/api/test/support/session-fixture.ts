import type { DataSource } from 'typeorm';

/**
 * An approved plan and its scheduled session for a branch, written straight to the database (the
 * monthly cycle's own tests drive the flows; these tests need only the session row).
 */
export async function insertSession(
  db: DataSource,
  options: { branchId: string; committeeId: string; month: string; scheduledAt: Date },
): Promise<string> {
  const [plan] = await db.query<{ id: string }[]>(
    `INSERT INTO monthly_plan (branch_id, committee_id, month, status, topic, planned_at, place)
     VALUES ($1, $2, $3, 'approved', '学习贯彻党的创新理论', $4, '党员活动室') RETURNING id`,
    [options.branchId, options.committeeId, options.month, options.scheduledAt],
  );
  const [session] = await db.query<{ id: string }[]>(
    `INSERT INTO org_session (plan_id, branch_id, committee_id, month, scheduled_at, place, meeting_types, status)
     VALUES ($1, $2, $3, $4, $5, '党员活动室', '{member_assembly}', 'scheduled') RETURNING id`,
    [plan!.id, options.branchId, options.committeeId, options.month, options.scheduledAt],
  );
  return session!.id;
}
