import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DMN decisions deployed beside the flows (issue 18 point 8): each deployed file with the
 * decision ids it holds. A business rule task calls the latest deployment of its decision id.
 */
export class DecisionDeployments1767600000000 implements MigrationInterface {
  name = 'DecisionDeployments1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wf_decision_deployment (
        id uuid PRIMARY KEY,
        decision_ids text[] NOT NULL,
        decision_names text[] NOT NULL,
        xml text NOT NULL,
        content_hash char(64) NOT NULL,
        source varchar(16) NOT NULL,
        source_name varchar(300),
        deployed_by varchar(64),
        deployed_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_wf_decision_deployment_at ON wf_decision_deployment (deployed_at, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wf_decision_deployment`);
  }
}
