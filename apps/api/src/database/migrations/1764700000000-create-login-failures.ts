import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed logins, by username and by client address, kept for the rate limit's window. */
export class CreateLoginFailures1764700000000 implements MigrationInterface {
  name = 'CreateLoginFailures1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failure (
        key varchar(300) NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_login_failure_key ON login_failure (key, at DESC)`);
    await q.query(`CREATE INDEX ix_login_failure_at ON login_failure (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failure`);
  }
}
