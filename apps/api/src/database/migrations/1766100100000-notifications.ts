import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 17 points 8–12): the in-app list, the outbox of deliveries written in the
 * transaction of the change that causes them, each person's channel choices, and the units'
 * group robots (WeCom, DingTalk, Feishu).
 */
export class Notifications1766100100000 implements MigrationInterface {
  name = 'Notifications1766100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL,
        title varchar(200) NOT NULL,
        body text NOT NULL,
        link varchar(500),
        created_at timestamptz NOT NULL,
        read_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX ix_notification_person ON notification (person_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX ix_notification_unread ON notification (person_id) WHERE read_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE group_robot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_unit_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
        provider varchar(16) NOT NULL CHECK (provider IN ('wecom','dingtalk','feishu')),
        name varchar(100) NOT NULL,
        webhook_url varchar(1000) NOT NULL,
        secret varchar(200),
        kinds text[] NOT NULL DEFAULT '{}',
        created_by uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid REFERENCES notification(id) ON DELETE CASCADE,
        channel varchar(16) NOT NULL CHECK (channel IN ('email','robot')),
        recipient varchar(254),
        robot_id uuid REFERENCES group_robot(id) ON DELETE CASCADE,
        subject varchar(200) NOT NULL,
        body text NOT NULL,
        link varchar(500),
        status varchar(8) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        locked_until timestamptz,
        sent_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL,
        CHECK ((channel = 'email') = (recipient IS NOT NULL)),
        CHECK ((channel = 'robot') = (robot_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE notification_setting (
        person_id uuid PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
        email varchar(254),
        email_kinds text[] NOT NULL DEFAULT '{}',
        digest boolean NOT NULL DEFAULT false,
        digest_sent_on date
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_setting`);
    await q.query(`DROP TABLE notification_delivery`);
    await q.query(`DROP TABLE group_robot`);
    await q.query(`DROP TABLE notification`);
  }
}
