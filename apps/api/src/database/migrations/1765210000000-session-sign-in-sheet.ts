import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A session's attachments may be its sign-in sheet (签到表), evidence of 有考勤. */
export class SessionSignInSheet1765210000000 implements MigrationInterface {
  name = 'SessionSignInSheet1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE session_attachment DROP CONSTRAINT session_attachment_kind_check`);
    await q.query(
      `ALTER TABLE session_attachment ADD CONSTRAINT session_attachment_kind_check
         CHECK (kind IN ('photo','sign_in_sheet','minutes','other'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE session_attachment SET kind = 'other' WHERE kind = 'sign_in_sheet'`);
    await q.query(`ALTER TABLE session_attachment DROP CONSTRAINT session_attachment_kind_check`);
    await q.query(
      `ALTER TABLE session_attachment ADD CONSTRAINT session_attachment_kind_check
         CHECK (kind IN ('photo','minutes','other'))`,
    );
  }
}
