/** What the loaders need of a database client: pg's Client, or the bench's PGlite adapter. */
export interface BenchDb {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** The size of the inbox data set: ten tasks per person, as many instances as people. */
export interface InboxScale {
  people: number;
  committees: number;
  branches: number;
}

/** PostgreSQL's data set: 1,000,000 tasks, 100,000 people. */
export const FULL_INBOX: InboxScale = { people: 100_000, committees: 10, branches: 1_000 };
/** The embedded database's: 100,000 tasks, 10,000 people. */
export const EMBEDDED_INBOX: InboxScale = { people: 10_000, committees: 10, branches: 100 };

export const tasksOf = (scale: InboxScale) => scale.people * 10;

/**
 * Bulk-loads the inbox data set straight into the tables with generate_series; at full scale
 * 10 committees of 100 branches, 100,000 people (each a `member`, login `bench<n>`, password as
 * the demo's), persons 1–10 committee secretaries and 11–1010 branch secretaries; 1,000,000
 * tasks on 100,000 instances. Each person n owns ten tasks: 2 completed, 4 open and assigned to
 * them, 2 open for their branch's secretaries, 2 open for their committee's secretaries — so each
 * committee secretary's group holds 20,000 open tasks. Candidate rows are filed under the
 * group's unit and its ancestors, as TaskCandidateIndex does.
 */
export async function loadInboxData(
  db: BenchDb,
  definitionId: string,
  scale: InboxScale = FULL_INBOX,
): Promise<void> {
  const { people: PEOPLE, committees: COMMITTEES, branches: BRANCHES } = scale;
  const TASKS = tasksOf(scale);
  const INSTANCES = PEOPLE;
  const [root] = (
    await db.query<{ id: string; path: string; depth: number }>(
      `SELECT id, path, depth FROM org_unit WHERE parent_id IS NULL`,
    )
  ).rows;
  if (!root) throw new Error('no root org unit: the API did not seed the database');
  await db.query(`
    CREATE TEMP TABLE bench_committee AS
      SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${COMMITTEES}) n;
    CREATE TEMP TABLE bench_branch AS
      SELECT n, gen_random_uuid() AS id, 1 + (n - 1) % ${COMMITTEES} AS committee
        FROM generate_series(1, ${BRANCHES}) n;
    CREATE TEMP TABLE bench_person AS
      SELECT n, gen_random_uuid() AS id, 1 + (n - 1) % ${BRANCHES} AS branch
        FROM generate_series(1, ${PEOPLE}) n;
    CREATE TEMP TABLE bench_instance AS
      SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${INSTANCES}) n;`);
  await db.query(
    `INSERT INTO org_unit (id, code, name, type, parent_id, path, depth)
     SELECT id, 'BC' || n, '基准党委' || n, 'committee', $1, $2 || id || '/', $3 + 1 FROM bench_committee`,
    [root.id, root.path, root.depth],
  );
  await db.query(
    `INSERT INTO org_unit (id, code, name, type, parent_id, path, depth)
     SELECT b.id, 'BB' || b.n, '基准支部' || b.n, 'branch', c.id, $1 || c.id || '/' || b.id || '/', $2 + 2
       FROM bench_branch b JOIN bench_committee c ON c.n = b.committee`,
    [root.path, root.depth],
  );
  await db.query(`
    INSERT INTO person (id, employee_no, name, org_unit_id, member_type)
    SELECT p.id, 'BENCH' || p.n, '基准党员' || p.n, b.id, 'full'
      FROM bench_person p JOIN bench_branch b ON b.n = p.branch;
    INSERT INTO account (person_id, username, password_hash)
    SELECT p.id, 'bench' || p.n, (SELECT password_hash FROM account WHERE username = 'od_admin')
      FROM bench_person p;
    INSERT INTO role_assignment (person_id, role, org_unit_id)
    SELECT p.id, 'member', b.id FROM bench_person p JOIN bench_branch b ON b.n = p.branch;
    INSERT INTO role_assignment (person_id, role, org_unit_id)
    SELECT p.id, 'committee_secretary', c.id FROM bench_person p JOIN bench_committee c ON c.n = p.n;
    INSERT INTO role_assignment (person_id, role, org_unit_id)
    SELECT p.id, 'branch_secretary', b.id FROM bench_person p JOIN bench_branch b ON b.n = p.n - 10;`);
  await db.query(
    `INSERT INTO wf_instance (id, definition_id, process_id, org_unit_id, status, state, version, started_at)
     SELECT id, $1, 'bench_approve', NULL, 'active', '{}', 1, now() - interval '90 days'
       FROM bench_instance`,
    [definitionId],
  );
  // Task k (0-based) belongs to person 1 + k / 10 and is of kind k % 10.
  await db.query(
    `CREATE TEMP TABLE bench_task AS
       SELECT k, k % 10 AS kind, i.id || '.' || (100 + k / ${INSTANCES}) AS id, i.id AS instance_id,
              p.id AS person_id, b.id AS branch_id, c.id AS committee_id,
              now() + ((k::bigint * 7919) % 129600 - 43200) * interval '1 minute' AS due_at
         FROM generate_series(0, ${TASKS - 1}) k
         JOIN bench_instance i ON i.n = 1 + k % ${INSTANCES}
         JOIN bench_person p ON p.n = 1 + k / 10
         JOIN bench_branch b ON b.n = p.branch
         JOIN bench_committee c ON c.n = b.committee`,
  );
  await db.query(
    `INSERT INTO wf_task (id, instance_id, definition_id, process_id, element_id, name, org_unit_id,
                          assignee, candidate_groups, due_at, priority, status, created_at,
                          completed_at, completed_by)
     SELECT id, instance_id, $1, 'bench_approve', 'Approve', '审批', branch_id,
            CASE WHEN kind < 6 THEN person_id::text END,
            CASE kind WHEN 6 THEN ARRAY['branch_secretary@' || branch_id]
                      WHEN 7 THEN ARRAY['branch_secretary@' || branch_id]
                      WHEN 8 THEN ARRAY['committee_secretary@' || committee_id]
                      WHEN 9 THEN ARRAY['committee_secretary@' || committee_id]
                      ELSE '{}' END,
            due_at, 50, CASE WHEN kind < 2 THEN 'completed' ELSE 'open' END,
            now() - interval '60 days',
            CASE WHEN kind < 2 THEN now() - interval '1 day' END,
            CASE WHEN kind < 2 THEN person_id::text END
       FROM bench_task`,
    [definitionId],
  );
  await db.query(
    `INSERT INTO wf_task_candidate (task_id, grantee, due_at, created_at, priority, process_id, org_unit_id)
     SELECT t.id, g.grantee, t.due_at, now() - interval '60 days', 50, 'bench_approve', t.branch_id
       FROM bench_task t CROSS JOIN LATERAL (VALUES
              ('branch_secretary@' || $1::text), ('branch_secretary@' || t.committee_id),
              ('branch_secretary@' || t.branch_id)) g(grantee)
      WHERE t.kind IN (6, 7)
     UNION ALL
     SELECT t.id, g.grantee, t.due_at, now() - interval '60 days', 50, 'bench_approve', t.branch_id
       FROM bench_task t CROSS JOIN LATERAL (VALUES
              ('committee_secretary@' || $1::text), ('committee_secretary@' || t.committee_id)) g(grantee)
      WHERE t.kind IN (8, 9)`,
    [root.id],
  );
  // A system in use has given the notices of the deadlines already near or past: without them
  // the API's deadline scan (once a minute) would work through a third of the tasks as overdue
  // while the phases measure.
  await db.query(
    `INSERT INTO notification_deadline (subject, stage, due_at, notified_at)
     SELECT t.id, s.stage, t.due_at, now() - interval '1 day'
       FROM wf_task t CROSS JOIN (VALUES ('due_soon'), ('overdue'), ('escalated')) s(stage)
      WHERE t.status = 'open' AND t.due_at <= now() + interval '1 day'`,
  );
  await db.query(`VACUUM ANALYZE`);
  // The load's dirty pages written out now, not by the checkpointer during the phases.
  await db.query(`CHECKPOINT`);
}

/**
 * Clones one instance waiting on its timer `count` times (ids are `<instance>.<n>`, so the
 * engine state carries over by replacing the instance id) and makes every clone's timer due
 * in the past hour: a backlog for the job executor.
 */
export async function cloneTimerBacklog(
  db: BenchDb,
  templateId: string,
  count: number,
): Promise<void> {
  await db.query('BEGIN');
  // Ids ordered in time, as the API's own (UUIDv7: milliseconds, version, random bits).
  await db.query(
    `CREATE TEMP TABLE bench_clone ON COMMIT DROP AS
       SELECT n, (lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint + n), 12, '0')
                  || '7' || substr(md5(random()::text), 1, 3)
                  || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15))::uuid AS id
         FROM generate_series(1, ${count}) n`,
  );
  await db.query(
    `INSERT INTO wf_instance (id, definition_id, process_id, org_unit_id, status, state, version, started_by, started_at)
     SELECT c.id, i.definition_id, i.process_id, i.org_unit_id, i.status,
            replace(i.state::text, i.id::text, c.id::text)::jsonb, i.version, i.started_by, i.started_at
       FROM wf_instance i, bench_clone c WHERE i.id = $1`,
    [templateId],
  );
  await db.query(
    `INSERT INTO wf_job (id, kind, state, instance_id, definition_id, process_id, element_id, job_type,
                         due_at, retries, headers, variables, created_at)
     SELECT replace(j.id, $1::text, c.id::text), j.kind, 'due', c.id, j.definition_id, j.process_id,
            j.element_id, j.job_type, now() - interval '1 hour' + c.n * interval '30 ms',
            j.retries, j.headers, j.variables, j.created_at
       FROM wf_job j, bench_clone c WHERE j.instance_id = $1::uuid`,
    [templateId],
  );
  await db.query('COMMIT');
  await db.query('ANALYZE wf_job');
}
