import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auto-creation by campus sign-in (README "Campus sign-in"): a unit whose
 * `sso_campus_unit_code` is set takes in people unknown to the roster whose identity names that
 * campus unit code; such a person is marked `sso_created_at` until the Organization Department
 * confirms the record.
 */
export class SsoAutoCreate1765710000000 implements MigrationInterface {
  name = 'SsoAutoCreate1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org_unit ADD COLUMN sso_campus_unit_code varchar(64)`);
    await q.query(
      `CREATE UNIQUE INDEX ux_org_unit_sso_campus_unit_code ON org_unit (sso_campus_unit_code)
        WHERE sso_campus_unit_code IS NOT NULL`,
    );
    await q.query(`ALTER TABLE person ADD COLUMN sso_created_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person DROP COLUMN sso_created_at`);
    await q.query(`ALTER TABLE org_unit DROP COLUMN sso_campus_unit_code`);
  }
}
