import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 更正 of a recorded session (each correction with its reason, who, when, and the parts before
 * and after), and each person's membership history (which unit, from which day to which day), so
 * the ledger counts a member only from the day they joined and splits a transfer by its date.
 * Existing people get one open membership from the day their record was created. Sessions and
 * rectification items can be cancelled with their flow.
 */
export class SessionCorrectionsAndMemberships1765800000000 implements MigrationInterface {
  name = 'SessionCorrectionsAndMemberships1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE session_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        corrected_by uuid NOT NULL,
        corrected_at timestamptz NOT NULL,
        reason text NOT NULL,
        before jsonb NOT NULL,
        after jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_session_correction_session ON session_correction (session_id)`);
    await q.query(`
      CREATE TABLE org_membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        org_unit_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        from_on date NOT NULL,
        to_on date,
        CHECK (to_on IS NULL OR to_on >= from_on)
      )`);
    await q.query(`CREATE INDEX ix_org_membership_person ON org_membership (person_id)`);
    await q.query(`CREATE INDEX ix_org_membership_unit ON org_membership (org_unit_id)`);
    await q.query(
      `CREATE UNIQUE INDEX ux_org_membership_open ON org_membership (person_id) WHERE to_on IS NULL`,
    );
    await q.query(`
      INSERT INTO org_membership (person_id, org_unit_id, from_on)
      SELECT id, org_unit_id, (created_at AT TIME ZONE 'Asia/Shanghai')::date FROM person`);
    await q.query(`ALTER TABLE org_session DROP CONSTRAINT IF EXISTS org_session_status_check`);
    await q.query(`
      ALTER TABLE org_session ADD CONSTRAINT org_session_status_check
        CHECK (status IN ('scheduled','recorded','summarized','closed','cancelled'))`);
    await q.query(`ALTER TABLE rectification DROP CONSTRAINT IF EXISTS rectification_status_check`);
    await q.query(`
      ALTER TABLE rectification ADD CONSTRAINT rectification_status_check
        CHECK (status IN ('awaiting_plan','plan_review','awaiting_evidence','evidence_review',
                          'closed','verified','cancelled'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE org_membership`);
    await q.query(`DROP TABLE session_correction`);
  }
}
