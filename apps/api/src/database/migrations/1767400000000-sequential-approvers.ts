import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 前加签 / 后加签 on a single-assignee user task (issue 19 point 2): runtime sub-steps of the
 * task, like 委派's return to its owner, so the model stays standard BPMN. `wf_task.added_step`
 * says which sub-step holds the task now; `wf_task_added_approver` keeps each added person, who
 * added them, why, their opinion, and (后加签) the approver's decision held until they act.
 */
export class SequentialApprovers1767400000000 implements MigrationInterface {
  name = 'SequentialApprovers1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wf_task ADD COLUMN added_step varchar(16)`);
    await q.query(
      `ALTER TABLE wf_task ADD CONSTRAINT ck_wf_task_added_step CHECK (added_step IN ('before', 'after', 'after_acting'))`,
    );
    await q.query(`
      CREATE TABLE wf_task_added_approver (
        id uuid PRIMARY KEY,
        task_id varchar(200) NOT NULL REFERENCES wf_task (id) ON DELETE CASCADE,
        instance_id uuid NOT NULL,
        person_id uuid NOT NULL REFERENCES person (id),
        position varchar(8) NOT NULL,
        added_by varchar(64) NOT NULL,
        reason varchar(500),
        status varchar(12) NOT NULL,
        opinion varchar(16),
        comment text,
        held jsonb,
        created_at timestamptz NOT NULL,
        acted_at timestamptz,
        CONSTRAINT uq_wf_task_added_approver UNIQUE (task_id, person_id),
        CONSTRAINT ck_wf_task_added_position CHECK (position IN ('before', 'after')),
        CONSTRAINT ck_wf_task_added_status CHECK (status IN ('pending', 'done', 'cancelled')),
        CONSTRAINT ck_wf_task_added_opinion CHECK (opinion IN ('approved', 'rejected'))
      )`);
    await q.query(
      `CREATE INDEX ix_wf_task_added_approver_instance ON wf_task_added_approver (instance_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wf_task_added_approver`);
    await q.query(`ALTER TABLE wf_task DROP CONSTRAINT ck_wf_task_added_step`);
    await q.query(`ALTER TABLE wf_task DROP COLUMN added_step`);
  }
}
