import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REQUIREMENT_DEFAULTS } from '../../ledger/ledger-requirement.defaults.js';

/**
 * Supervision (spot-check batches and items, on-site supervision, annual inspections),
 * rectification items with their event history, and the ledger's editable requirements.
 * Workflow instances and sessions are referenced by plain ids (other modules own them).
 */
export class CreateSupervision1764500000000 implements MigrationInterface {
  name = 'CreateSupervision1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE spot_check_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        seed int NOT NULL,
        sample_rate double precision NOT NULL CHECK (sample_rate > 0 AND sample_rate <= 1),
        min_per_committee int NOT NULL CHECK (min_per_committee >= 0),
        algorithm varchar(64) NOT NULL,
        population jsonb NOT NULL,
        sampled_branch_ids jsonb NOT NULL,
        instance_id uuid UNIQUE,
        drawn_at timestamptz NOT NULL,
        notice_title varchar(200),
        notice_content text,
        notice_issued_by uuid REFERENCES person(id),
        notice_issued_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_spot_check_batch_month ON spot_check_batch (month, drawn_at)`);
    await q.query(`
      CREATE TABLE spot_check_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES spot_check_batch(id) ON DELETE CASCADE,
        branch_id uuid NOT NULL REFERENCES org_unit(id),
        committee_id uuid NOT NULL REFERENCES org_unit(id),
        status varchar(16) NOT NULL CHECK (status IN ('pending','passed','findings')),
        notes text,
        recommend_notice boolean NOT NULL DEFAULT false,
        inspected_by uuid REFERENCES person(id),
        inspected_at timestamptz,
        CONSTRAINT uq_spot_check_item UNIQUE (batch_id, branch_id)
      )`);
    await q.query(`CREATE INDEX ix_spot_check_item_branch ON spot_check_item (branch_id)`);
    await q.query(`
      CREATE TABLE onsite_supervision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid,
        branch_id uuid NOT NULL REFERENCES org_unit(id),
        committee_id uuid NOT NULL REFERENCES org_unit(id),
        status varchar(16) NOT NULL CHECK (status IN ('pending','recorded')),
        supervisor_id uuid REFERENCES person(id),
        attended_on date,
        guidance text,
        findings_count int NOT NULL DEFAULT 0,
        instance_id uuid UNIQUE,
        started_by uuid NOT NULL REFERENCES person(id),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_onsite_supervision_branch ON onsite_supervision (branch_id)`);
    await q.query(`
      CREATE TABLE annual_inspection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        committee_id uuid NOT NULL REFERENCES org_unit(id),
        status varchar(16) NOT NULL CHECK (status IN ('pending','done')),
        summary text,
        findings_count int NOT NULL DEFAULT 0,
        inspected_by uuid REFERENCES person(id),
        inspected_at timestamptz,
        instance_id uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT uq_annual_inspection UNIQUE (instance_id, committee_id)
      )`);
    await q.query(`
      CREATE TABLE rectification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source varchar(24) NOT NULL
          CHECK (source IN ('spot_check','inspection','onsite_supervision','self_found')),
        source_id uuid,
        branch_id uuid NOT NULL REFERENCES org_unit(id),
        committee_id uuid NOT NULL REFERENCES org_unit(id),
        title varchar(200) NOT NULL,
        description text NOT NULL,
        severity varchar(8) NOT NULL CHECK (severity IN ('low','medium','high')),
        due_at timestamptz NOT NULL,
        status varchar(24) NOT NULL CHECK (status IN
          ('awaiting_plan','plan_review','awaiting_evidence','evidence_review','closed','verified')),
        plan text,
        evidence text,
        escalated_at timestamptz,
        reopen_count int NOT NULL DEFAULT 0,
        follow_up_at timestamptz,
        instance_id uuid UNIQUE,
        created_by uuid REFERENCES person(id),
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        verified_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ix_rectification_branch ON rectification (branch_id, status)`);
    await q.query(`CREATE INDEX ix_rectification_status ON rectification (status, due_at)`);
    await q.query(`
      CREATE TABLE rectification_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rectification_id uuid NOT NULL REFERENCES rectification(id) ON DELETE CASCADE,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL,
        actor varchar(64) NOT NULL,
        action varchar(32) NOT NULL,
        comment text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(
      `CREATE INDEX ix_rectification_event_item ON rectification_event (rectification_id, seq)`,
    );
    await q.query(`
      CREATE TABLE ledger_requirement (
        key varchar(64) PRIMARY KEY,
        subject varchar(24) NOT NULL
          CHECK (subject IN ('member','branch','committee_secretary','leader')),
        period varchar(16) NOT NULL CHECK (period IN ('month','quarter','semester','year')),
        min_count int NOT NULL CHECK (min_count >= 0),
        label varchar(100) NOT NULL,
        updated_by uuid REFERENCES person(id),
        updated_at timestamptz
      )`);
    for (const r of REQUIREMENT_DEFAULTS) {
      await q.query(
        `INSERT INTO ledger_requirement (key, subject, period, min_count, label) VALUES ($1, $2, $3, $4, $5)`,
        [r.key, r.subject, r.period, r.minCount, r.label],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ledger_requirement',
      'rectification_event',
      'rectification',
      'annual_inspection',
      'onsite_supervision',
      'spot_check_item',
      'spot_check_batch',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
