import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Study contents, annual inspections and on-site supervisions can be cancelled with their flow,
 * so none stays "draft"/"pending" behind a terminated instance. A cancelled draft no longer holds
 * its month: the one-content-a-month rule counts only contents that are not cancelled.
 */
export class CancelledWithTheirFlow1766500000000 implements MigrationInterface {
  name = 'CancelledWithTheirFlow1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await this.statuses(q, 'study_content', ['draft', 'published', 'cancelled']);
    await this.statuses(q, 'annual_inspection', ['pending', 'done', 'cancelled']);
    await this.statuses(q, 'onsite_supervision', ['pending', 'recorded', 'cancelled']);
    await q.query(`ALTER TABLE study_content DROP CONSTRAINT uq_study_content_month`);
    await q.query(`
      CREATE UNIQUE INDEX ux_study_content_month ON study_content (university_id, month)
        WHERE status <> 'cancelled'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ux_study_content_month`);
    await q.query(`DELETE FROM study_content WHERE status = 'cancelled'`);
    await q.query(`
      ALTER TABLE study_content ADD CONSTRAINT uq_study_content_month UNIQUE (university_id, month)`);
    await q.query(`UPDATE annual_inspection SET status = 'pending' WHERE status = 'cancelled'`);
    await q.query(`UPDATE onsite_supervision SET status = 'pending' WHERE status = 'cancelled'`);
    await this.statuses(q, 'study_content', ['draft', 'published']);
    await this.statuses(q, 'annual_inspection', ['pending', 'done']);
    await this.statuses(q, 'onsite_supervision', ['pending', 'recorded']);
  }

  private async statuses(q: QueryRunner, table: string, values: string[]): Promise<void> {
    await q.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_status_check`);
    await q.query(`
      ALTER TABLE ${table} ADD CONSTRAINT ${table}_status_check
        CHECK (status IN (${values.map((v) => `'${v}'`).join(',')}))`);
  }
}
