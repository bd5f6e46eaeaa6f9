import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `wf_expect_saved(saved, what)` fails the statement (and so the transaction) with a
 * serialization failure when `saved` is false. An instance's state is written without waiting
 * for the answer (it goes with the COMMIT), so the "this version is still the one I read"
 * check has to fail inside the database rather than be looked at by the caller.
 */
export class CreateSavedCheck1764600000000 implements MigrationInterface {
  name = 'CreateSavedCheck1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION wf_expect_saved(saved boolean, what text) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT saved THEN
          RAISE EXCEPTION '% was changed concurrently', what USING ERRCODE = 'serialization_failure';
        END IF;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION wf_expect_saved(boolean, text)`);
  }
}
