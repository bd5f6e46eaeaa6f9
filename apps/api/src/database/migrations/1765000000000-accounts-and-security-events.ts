import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that can be deactivated and activated with a one-time code, usernames unique
 * whatever their case, and the log of security events OD reads.
 */
export class AccountsAndSecurityEvents1765000000000 implements MigrationInterface {
  name = 'AccountsAndSecurityEvents1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account ADD COLUMN deactivated_at timestamptz`);
    await q.query(`CREATE UNIQUE INDEX uq_account_username_ci ON account (lower(username))`);
    await q.query(`
      CREATE TABLE activation_code (
        person_id uuid PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
        code_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE security_event (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL,
        kind varchar(40) NOT NULL,
        actor_id uuid,
        actor_username varchar(64),
        subject_id uuid,
        subject_username varchar(64),
        ip varchar(64),
        detail text
      )`);
    await q.query(`CREATE INDEX ix_security_event_at ON security_event (at DESC)`);
    await q.query(`CREATE INDEX ix_security_event_kind ON security_event (kind, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE security_event`);
    await q.query(`DROP TABLE activation_code`);
    await q.query(`DROP INDEX uq_account_username_ci`);
    await q.query(`ALTER TABLE account DROP COLUMN deactivated_at`);
  }
}
