import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in sessions ended before their tokens expire (CAS single logout, OIDC back-channel
 * logout): the guard refuses access tokens whose `sid` is listed here (auth/ended-sessions.ts).
 * A row is only needed while an access token of that session could still be alive.
 */
export class EndedSession1765700000000 implements MigrationInterface {
  name = 'EndedSession1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ended_session (
        family_id uuid PRIMARY KEY,
        ended_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_ended_session_at ON ended_session (ended_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ended_session`);
  }
}
