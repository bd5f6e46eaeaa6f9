import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 17 points 11–12): which deadline notices were given (work or a
 * rectification due within a day, overdue, escalated to the unit's secretary; the subject is a
 * task's id or `rectification:<id>`), so each is written once, in the transaction that records it; which daily digest mailed a notification; and which process holds a delivery
 * being sent, so only that process records its outcome.
 */
export class NotificationDeadlinesAndDigest1766900000000 implements MigrationInterface {
  name = 'NotificationDeadlinesAndDigest1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_deadline (
        subject varchar(200) NOT NULL,
        stage varchar(16) NOT NULL CHECK (stage IN ('due_soon','overdue','escalated')),
        due_at timestamptz NOT NULL,
        notified_at timestamptz NOT NULL,
        PRIMARY KEY (subject, stage, due_at)
      )`);
    await q.query(
      `ALTER TABLE notification ADD COLUMN digest_delivery_id uuid
         REFERENCES notification_delivery(id) ON DELETE SET NULL`,
    );
    await q.query(`ALTER TABLE notification_delivery ADD COLUMN locked_by varchar(100)`);
    await q.query(`CREATE INDEX ix_wf_task_open_due ON wf_task (due_at) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_wf_task_open_due`);
    await q.query(`ALTER TABLE notification_delivery DROP COLUMN locked_by`);
    await q.query(`ALTER TABLE notification DROP COLUMN digest_delivery_id`);
    await q.query(`DROP TABLE notification_deadline`);
  }
}
