import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The deployer's note on a flow version (what changed), shown in the version list. */
export class DefinitionVersionNote1765400000000 implements MigrationInterface {
  name = 'DefinitionVersionNote1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wf_definition ADD COLUMN note varchar(500)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wf_definition DROP COLUMN note`);
  }
}
