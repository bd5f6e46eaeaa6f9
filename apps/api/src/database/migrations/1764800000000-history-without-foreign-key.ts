import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History rows no longer check their instance through a foreign key. They are written only by
 * the engine step that holds that instance's row lock (or has just inserted it), so the check
 * could never fail, yet it ran a lookup per row, three per task completion. Append-only history
 * tables commonly go without one (Camunda 7's ACT_HI_* tables have none).
 */
export class HistoryWithoutForeignKey1764800000000 implements MigrationInterface {
  name = 'HistoryWithoutForeignKey1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wf_history DROP CONSTRAINT wf_history_instance_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE wf_history ADD CONSTRAINT wf_history_instance_id_fkey FOREIGN KEY (instance_id) REFERENCES wf_instance(id)`,
    );
  }
}
