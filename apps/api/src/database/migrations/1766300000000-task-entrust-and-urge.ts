import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task verbs (issue 19): 委派 keeps the task's `owner` while a delegate holds it
 * (`delegation` pending → resolved when the delegate hands it back); 催办 stamps `urged_at`
 * (at most once an hour) and notifies the holder in-app (`wf_task_notification`).
 */
export class TaskEntrustAndUrge1766300000000 implements MigrationInterface {
  name = 'TaskEntrustAndUrge1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wf_task ADD COLUMN owner varchar(64)`);
    await q.query(`ALTER TABLE wf_task ADD COLUMN delegation varchar(16)`);
    await q.query(`ALTER TABLE wf_task ADD COLUMN urged_at timestamptz`);
    await q.query(
      `CREATE TABLE wf_task_notification (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        task_id varchar(200) NOT NULL,
        kind varchar(32) NOT NULL,
        actor varchar(64) NOT NULL,
        message varchar(500) NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz
      )`,
    );
    await q.query(
      `CREATE INDEX ix_wf_task_notification_person ON wf_task_notification (person_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wf_task_notification`);
    await q.query(`ALTER TABLE wf_task DROP COLUMN urged_at`);
    await q.query(`ALTER TABLE wf_task DROP COLUMN delegation`);
    await q.query(`ALTER TABLE wf_task DROP COLUMN owner`);
  }
}
