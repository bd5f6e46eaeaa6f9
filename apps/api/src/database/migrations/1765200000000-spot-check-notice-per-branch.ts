import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A spot-check notice (通报) is issued per sampled branch, beside that branch's rectification,
 * instead of once per batch after every branch was inspected. Batch notices move to the
 * batch's items with findings.
 */
export class SpotCheckNoticePerBranch1765200000000 implements MigrationInterface {
  name = 'SpotCheckNoticePerBranch1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE spot_check_item
        ADD COLUMN notice_title varchar(200),
        ADD COLUMN notice_content text,
        ADD COLUMN notice_issued_by uuid REFERENCES person(id),
        ADD COLUMN notice_issued_at timestamptz`);
    await q.query(`
      UPDATE spot_check_item i
         SET notice_title = b.notice_title, notice_content = b.notice_content,
             notice_issued_by = b.notice_issued_by, notice_issued_at = b.notice_issued_at
        FROM spot_check_batch b
       WHERE i.batch_id = b.id AND i.status = 'findings' AND b.notice_issued_at IS NOT NULL`);
    await q.query(`
      ALTER TABLE spot_check_batch
        DROP COLUMN notice_title, DROP COLUMN notice_content,
        DROP COLUMN notice_issued_by, DROP COLUMN notice_issued_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE spot_check_batch
        ADD COLUMN notice_title varchar(200),
        ADD COLUMN notice_content text,
        ADD COLUMN notice_issued_by uuid REFERENCES person(id),
        ADD COLUMN notice_issued_at timestamptz`);
    await q.query(`
      UPDATE spot_check_batch b
         SET notice_title = i.notice_title, notice_content = i.notice_content,
             notice_issued_by = i.notice_issued_by, notice_issued_at = i.notice_issued_at
        FROM spot_check_item i
       WHERE i.batch_id = b.id AND i.notice_issued_at IS NOT NULL`);
    await q.query(`
      ALTER TABLE spot_check_item
        DROP COLUMN notice_title, DROP COLUMN notice_content,
        DROP COLUMN notice_issued_by, DROP COLUMN notice_issued_at`);
  }
}
