import type { BenchDb } from './bench-data.loader.js';

/** The province: universities, each with its branches (直属党支部), each with its members. */
export interface SurgeScale {
  universities: number;
  branchesPerUniversity: number;
  membersPerBranch: number;
}

export const branchesOf = (scale: SurgeScale) => scale.universities * scale.branchesPerUniversity;

/**
 * Bulk-loads the province straight into the tables with generate_series: university u (code
 * SU<u>) with its OD admin (login `surge_od<u>`), its branches directly under it (a branch
 * under a committee starts its plan only once the committee has arranged the month, days
 * later: no surge) and their members (`member` role; the first of each branch also its
 * secretary, login `surge_sec<n>`; the second login `surge_m<n>`). Passwords are the demo's.
 */
export async function loadProvince(db: BenchDb, scale: SurgeScale): Promise<void> {
  const { universities, branchesPerUniversity, membersPerBranch } = scale;
  const branches = branchesOf(scale);
  await db.query(`
    CREATE TEMP TABLE surge_university AS
      SELECT u, gen_random_uuid() AS id, gen_random_uuid() AS admin FROM generate_series(1, ${universities}) u;
    CREATE TEMP TABLE surge_branch AS
      SELECT n, gen_random_uuid() AS id, 1 + (n - 1) / ${branchesPerUniversity} AS u
        FROM generate_series(1, ${branches}) n;
    INSERT INTO org_unit (id, code, name, type, parent_id, path, depth)
      SELECT id, 'SU' || u, '测试大学' || u, 'university', NULL, '/' || id || '/', 0 FROM surge_university;
    INSERT INTO org_unit (id, code, name, type, direct, parent_id, path, depth)
      SELECT b.id, 'SB' || b.n, '测试支部' || b.n, 'branch', true, un.id, '/' || un.id || '/' || b.id || '/', 1
        FROM surge_branch b JOIN surge_university un ON un.u = b.u;
    INSERT INTO person (id, employee_no, name, org_unit_id)
      SELECT admin, 'SOD' || u, '组织部' || u, id FROM surge_university;
    INSERT INTO role_assignment (person_id, role, org_unit_id)
      SELECT admin, 'od_admin', id FROM surge_university;
    INSERT INTO account (person_id, username, password_hash)
      SELECT admin, 'surge_od' || u, (SELECT password_hash FROM account WHERE username = 'od_admin')
        FROM surge_university;
    CREATE TEMP TABLE surge_person AS
      SELECT b.n AS branch, m, b.id AS branch_id, gen_random_uuid() AS id
        FROM surge_branch b CROSS JOIN generate_series(1, ${membersPerBranch}) m;
    INSERT INTO person (id, employee_no, name, org_unit_id, member_type)
      SELECT id, 'SP' || branch || '-' || m, '党员' || branch || '-' || m, branch_id, 'full' FROM surge_person;
    INSERT INTO role_assignment (person_id, role, org_unit_id)
      SELECT id, 'member', branch_id FROM surge_person;
    INSERT INTO role_assignment (person_id, role, org_unit_id)
      SELECT id, 'branch_secretary', branch_id FROM surge_person WHERE m = 1;
    INSERT INTO account (person_id, username, password_hash)
      SELECT id, CASE m WHEN 1 THEN 'surge_sec' ELSE 'surge_m' END || branch,
             (SELECT password_hash FROM account WHERE username = 'od_admin')
        FROM surge_person WHERE m <= 2;`);
  await db.query(`VACUUM ANALYZE`);
}
