import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 代理 (issue 19 point 9): a person names a stand-in for a period (出差, 请假); a task created for
 * them meanwhile goes to the stand-in, who handles it on their behalf (`wf_task.on_behalf_of`).
 */
export class StandIns1766400000000 implements MigrationInterface {
  name = 'StandIns1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wf_stand_in (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        stand_in_id uuid NOT NULL REFERENCES person (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason varchar(16) NOT NULL,
        note varchar(200),
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT ck_wf_stand_in_period CHECK (ends_at > starts_at),
        CONSTRAINT ck_wf_stand_in_other CHECK (person_id <> stand_in_id)
      )`);
    await q.query(`CREATE INDEX ix_wf_stand_in_person ON wf_stand_in (person_id, ends_at)`);
    await q.query(`CREATE INDEX ix_wf_stand_in_stand_in ON wf_stand_in (stand_in_id, ends_at)`);
    await q.query(`ALTER TABLE wf_task ADD COLUMN on_behalf_of uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wf_task DROP COLUMN on_behalf_of`);
    await q.query(`DROP TABLE wf_stand_in`);
  }
}
