import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per campus sign-in attempt (README "Campus sign-in"): the state sent to the identity
 * service with its nonce and PKCE verifier, then the person it matched and the one-time code the
 * browser trades for tokens, then the token family it started (so CAS single logout can end it).
 * Secrets handed to the browser (state, code) are kept as SHA-256 hashes only.
 */
export class CreateSsoSignIn1765300000000 implements MigrationInterface {
  name = 'CreateSsoSignIn1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_sign_in (
        state_hash varchar(64) PRIMARY KEY,
        provider varchar(8) NOT NULL,
        nonce varchar(128),
        code_verifier varchar(128),
        created_at timestamptz NOT NULL,
        returned_at timestamptz,
        person_id uuid REFERENCES person (id) ON DELETE CASCADE,
        session_index varchar(512),
        handoff_hash varchar(64) UNIQUE,
        handed_off_at timestamptz,
        token_family_id uuid
      )`);
    await q.query(`CREATE INDEX ix_sso_sign_in_created ON sso_sign_in (created_at)`);
    await q.query(
      `CREATE INDEX ix_sso_sign_in_session ON sso_sign_in (provider, session_index)
        WHERE session_index IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_sign_in`);
  }
}
