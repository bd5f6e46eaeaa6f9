import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 会签 / 或签 / 票签 and 抄送 (issue 19 points 1, 2 and 7): a task of a multi-instance step
 * knows its round (`mi_body_id`, the engine's body element instance) and keeps its vote
 * (`outcome`); `wf_task_copy` holds the read-only copies of a step sent to people (抄送).
 */
export class VotesAndCopies1767300000000 implements MigrationInterface {
  name = 'VotesAndCopies1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wf_task ADD COLUMN mi_body_id varchar(200)`);
    await q.query(`ALTER TABLE wf_task ADD COLUMN outcome varchar(16)`);
    await q.query(
      `ALTER TABLE wf_task ADD CONSTRAINT ck_wf_task_outcome CHECK (outcome IN ('approved', 'rejected'))`,
    );
    await q.query(
      `CREATE INDEX ix_wf_task_mi_body ON wf_task (mi_body_id) WHERE mi_body_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE wf_task_copy (
        id uuid PRIMARY KEY,
        task_id varchar(200) NOT NULL REFERENCES wf_task (id) ON DELETE CASCADE,
        instance_id uuid NOT NULL,
        person_id uuid NOT NULL REFERENCES person (id),
        copied_by varchar(64) NOT NULL,
        source varchar(8) NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        CONSTRAINT uq_wf_task_copy UNIQUE (task_id, person_id),
        CONSTRAINT ck_wf_task_copy_source CHECK (source IN ('model', 'approver'))
      )`);
    await q.query(`CREATE INDEX ix_wf_task_copy_person ON wf_task_copy (person_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wf_task_copy`);
    await q.query(`DROP INDEX ix_wf_task_mi_body`);
    await q.query(`ALTER TABLE wf_task DROP CONSTRAINT ck_wf_task_outcome`);
    await q.query(`ALTER TABLE wf_task DROP COLUMN outcome`);
    await q.query(`ALTER TABLE wf_task DROP COLUMN mi_body_id`);
  }
}
