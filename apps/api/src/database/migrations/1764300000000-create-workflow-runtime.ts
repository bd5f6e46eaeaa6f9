import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable workflow runtime: definitions, instances (engine state as JSON), user tasks
 * with their candidate index, jobs (timers + service tasks), subscriptions, incidents,
 * history and the audit log. Person and org-unit references are plain values, not foreign
 * keys: the runtime must not block org changes, and benchmarks bulk-load these tables.
 */
export class CreateWorkflowRuntime1764300000000 implements MigrationInterface {
  name = 'CreateWorkflowRuntime1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wf_definition (
        id uuid PRIMARY KEY,
        process_id varchar(200) NOT NULL,
        version int NOT NULL CHECK (version > 0),
        name varchar(300),
        xml text NOT NULL,
        content_hash char(64) NOT NULL,
        source varchar(16) NOT NULL CHECK (source IN ('file','upload')),
        source_name varchar(300),
        deployed_by varchar(64),
        deployed_at timestamptz NOT NULL,
        CONSTRAINT uq_wf_definition_version UNIQUE (process_id, version)
      )`);
    await q.query(`
      CREATE TABLE wf_instance (
        id uuid PRIMARY KEY,
        definition_id uuid NOT NULL REFERENCES wf_definition(id),
        process_id varchar(200) NOT NULL,
        business_key varchar(200),
        org_unit_id uuid,
        status varchar(16) NOT NULL CHECK (status IN ('active','completed','terminated')),
        state jsonb NOT NULL,
        version int NOT NULL,
        parent_instance_id uuid REFERENCES wf_instance(id),
        parent_element_instance_id varchar(200),
        started_by varchar(64),
        started_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_wf_instance_started ON wf_instance (started_at DESC, id)`);
    await q.query(
      `CREATE INDEX ix_wf_instance_process ON wf_instance (process_id, started_at DESC)`,
    );
    await q.query(`CREATE INDEX ix_wf_instance_org ON wf_instance (org_unit_id, started_at DESC)`);
    await q.query(
      `CREATE INDEX ix_wf_instance_parent ON wf_instance (parent_instance_id) WHERE parent_instance_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_wf_instance_business_key ON wf_instance (business_key) WHERE business_key IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE wf_task (
        id varchar(200) PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES wf_instance(id),
        definition_id uuid NOT NULL,
        process_id varchar(200) NOT NULL,
        element_id varchar(200) NOT NULL,
        name varchar(300),
        org_unit_id uuid,
        assignee varchar(64),
        candidate_users text[] NOT NULL DEFAULT '{}',
        candidate_groups text[] NOT NULL DEFAULT '{}',
        due_at timestamptz,
        follow_up_at timestamptz,
        form_key varchar(300),
        priority int NOT NULL DEFAULT 50,
        headers jsonb NOT NULL DEFAULT '{}',
        variables jsonb NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL CHECK (status IN ('open','completed','cancelled')),
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        completed_by varchar(64)
      )`);
    // Inbox "mine": open tasks of one assignee in due order, read from the index head.
    await q.query(
      `CREATE INDEX ix_wf_task_mine ON wf_task (assignee, due_at, id) WHERE status = 'open' AND assignee IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_wf_task_done ON wf_task (completed_by, completed_at DESC, id DESC) WHERE status = 'completed'`,
    );
    await q.query(`CREATE INDEX ix_wf_task_instance ON wf_task (instance_id)`);
    // Inbox "claimable": one row per (open, unassigned task × candidate user/group); the
    // inbox reads each of a user's grantees' index heads with a LIMIT and merges them.
    await q.query(`
      CREATE TABLE wf_task_candidate (
        task_id varchar(200) NOT NULL REFERENCES wf_task(id) ON DELETE CASCADE,
        grantee varchar(300) NOT NULL,
        due_at timestamptz,
        created_at timestamptz NOT NULL,
        priority int NOT NULL,
        process_id varchar(200) NOT NULL,
        org_unit_id uuid,
        PRIMARY KEY (task_id, grantee)
      )`);
    await q.query(
      `CREATE INDEX ix_wf_task_candidate_due ON wf_task_candidate (grantee, due_at, task_id)`,
    );
    await q.query(`
      CREATE TABLE wf_task_comment (
        id uuid PRIMARY KEY,
        task_id varchar(200) NOT NULL REFERENCES wf_task(id) ON DELETE CASCADE,
        author_id varchar(64) NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_wf_task_comment_task ON wf_task_comment (task_id, created_at)`);
    await q.query(`
      CREATE TABLE wf_job (
        id varchar(200) PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('timer','service','start_timer')),
        state varchar(16) NOT NULL CHECK (state IN ('due','locked','failed')),
        instance_id uuid REFERENCES wf_instance(id),
        definition_id uuid NOT NULL,
        process_id varchar(200) NOT NULL,
        element_id varchar(200) NOT NULL,
        job_type varchar(200),
        due_at timestamptz NOT NULL,
        retries int NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        fire_count int NOT NULL DEFAULT 0,
        headers jsonb NOT NULL DEFAULT '{}',
        variables jsonb NOT NULL DEFAULT '{}',
        lock_owner varchar(100),
        lock_expires_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL,
        CHECK ((state = 'locked') = (lock_owner IS NOT NULL))
      )`);
    // Only claimable rows are in the claim index, so claimed-but-unfinished jobs never sit
    // at its head and every claim reads just the rows it takes.
    await q.query(`CREATE INDEX ix_wf_job_due ON wf_job (due_at) WHERE state = 'due'`);
    await q.query(
      `CREATE INDEX ix_wf_job_lock_expiry ON wf_job (lock_expires_at) WHERE state = 'locked'`,
    );
    await q.query(
      `CREATE INDEX ix_wf_job_instance ON wf_job (instance_id) WHERE instance_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_wf_job_definition ON wf_job (definition_id) WHERE kind = 'start_timer'`,
    );
    await q.query(`
      CREATE TABLE wf_subscription (
        id varchar(300) PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('message','signal')),
        name varchar(300) NOT NULL,
        correlation_key varchar(300),
        instance_id uuid REFERENCES wf_instance(id),
        definition_id uuid NOT NULL,
        process_id varchar(200) NOT NULL,
        element_id varchar(200) NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_wf_subscription_lookup ON wf_subscription (kind, name, correlation_key, created_at)`,
    );
    await q.query(
      `CREATE INDEX ix_wf_subscription_instance ON wf_subscription (instance_id) WHERE instance_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE wf_incident (
        id uuid PRIMARY KEY,
        engine_incident_id varchar(200),
        instance_id uuid REFERENCES wf_instance(id),
        job_id varchar(200),
        process_id varchar(200) NOT NULL,
        element_id varchar(200) NOT NULL,
        org_unit_id uuid,
        message text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('open','resolved')),
        created_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolved_by varchar(64)
      )`);
    await q.query(`CREATE INDEX ix_wf_incident_status ON wf_incident (status, created_at DESC)`);
    await q.query(`CREATE INDEX ix_wf_incident_instance ON wf_incident (instance_id)`);
    await q.query(`
      CREATE TABLE wf_history (
        id bigserial PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES wf_instance(id),
        at timestamptz NOT NULL,
        element_id varchar(200) NOT NULL,
        element_type varchar(100) NOT NULL,
        element_instance_id varchar(200) NOT NULL,
        kind varchar(32) NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_wf_history_instance ON wf_history (instance_id, id)`);
    await q.query(`
      CREATE TABLE wf_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor varchar(64) NOT NULL,
        action varchar(64) NOT NULL,
        instance_id uuid,
        task_id varchar(200),
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_wf_audit_instance ON wf_audit (instance_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'wf_audit',
      'wf_history',
      'wf_incident',
      'wf_subscription',
      'wf_job',
      'wf_task_comment',
      'wf_task_candidate',
      'wf_task',
      'wf_instance',
      'wf_definition',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
