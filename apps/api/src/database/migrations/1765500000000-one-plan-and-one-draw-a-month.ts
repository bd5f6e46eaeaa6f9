import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One plan per branch and month, one regular spot-check draw per month (追加抽查 are extra draws
 * with a reason), and records that can be cancelled with their flow. Duplicates already in the
 * table keep their oldest row; the later ones are marked cancelled.
 */
export class OnePlanAndOneDrawAMonth1765500000000 implements MigrationInterface {
  name = 'OnePlanAndOneDrawAMonth1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE monthly_plan DROP CONSTRAINT IF EXISTS monthly_plan_status_check`);
    await q.query(`
      ALTER TABLE monthly_plan ADD CONSTRAINT monthly_plan_status_check
        CHECK (status IN ('pending','submitted','returned','approved','cancelled'))`);
    await q.query(`
      UPDATE monthly_plan p SET status = 'cancelled'
       WHERE EXISTS (SELECT 1 FROM monthly_plan o
                      WHERE o.branch_id = p.branch_id AND o.month = p.month
                        AND (o.created_at, o.id) < (p.created_at, p.id))`);
    await q.query(`
      CREATE UNIQUE INDEX ux_monthly_plan_branch_month ON monthly_plan (branch_id, month)
        WHERE status <> 'cancelled'`);

    await q.query(`
      ALTER TABLE spot_check_batch
        ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular','extra')),
        ADD COLUMN reason text,
        ADD COLUMN created_by uuid,
        ADD COLUMN created_at timestamptz,
        ADD COLUMN cancelled_at timestamptz`);
    await q.query(`UPDATE spot_check_batch SET created_at = drawn_at`);
    await q.query(`ALTER TABLE spot_check_batch ALTER COLUMN created_at SET NOT NULL`);
    await q.query(`
      UPDATE spot_check_batch b SET kind = 'extra', reason = '迁移：同月重复的抽查'
       WHERE EXISTS (SELECT 1 FROM spot_check_batch o
                      WHERE o.month = b.month AND (o.drawn_at, o.id) < (b.drawn_at, b.id))`);
    await q.query(`
      CREATE UNIQUE INDEX ux_spot_check_batch_regular_month ON spot_check_batch (month)
        WHERE kind = 'regular' AND cancelled_at IS NULL`);
    await q.query(
      `ALTER TABLE spot_check_item DROP CONSTRAINT IF EXISTS spot_check_item_status_check`,
    );
    await q.query(`
      ALTER TABLE spot_check_item ADD CONSTRAINT spot_check_item_status_check
        CHECK (status IN ('pending','passed','findings','cancelled'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ux_spot_check_batch_regular_month`);
    await q.query(`
      ALTER TABLE spot_check_batch DROP COLUMN kind, DROP COLUMN reason, DROP COLUMN created_by,
        DROP COLUMN created_at, DROP COLUMN cancelled_at`);
    await q.query(`DROP INDEX ux_monthly_plan_branch_month`);
  }
}
