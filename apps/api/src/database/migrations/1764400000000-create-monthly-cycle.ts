import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first half of the monthly cycle: study content and committee arrangements, branch
 * plans and their reviews, sessions with the "six haves", attachments, evaluations and the
 * quarterly vanguard comments. The ledger reads these tables.
 */
export class CreateMonthlyCycle1764400000000 implements MigrationInterface {
  name = 'CreateMonthlyCycle1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_unit_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        file_name varchar(255) NOT NULL,
        mime_type varchar(127) NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE study_content (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        university_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        title varchar(200) NOT NULL,
        topics jsonb NOT NULL DEFAULT '[]',
        materials jsonb NOT NULL DEFAULT '[]',
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL CHECK (status IN ('draft','published')),
        instance_id uuid,
        created_by uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES person(id) ON DELETE RESTRICT,
        published_at timestamptz,
        CONSTRAINT uq_study_content_month UNIQUE (university_id, month)
      )`);
    await q.query(`
      CREATE TABLE study_arrangement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        study_content_id uuid NOT NULL REFERENCES study_content(id) ON DELETE CASCADE,
        committee_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        theme varchar(200) NOT NULL,
        arrangement text NOT NULL,
        materials jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_study_arrangement UNIQUE (study_content_id, committee_id)
      )`);
    await q.query(`
      CREATE TABLE weak_branch (
        branch_id uuid PRIMARY KEY REFERENCES org_unit(id) ON DELETE CASCADE,
        note text,
        marked_by uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        marked_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE monthly_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        branch_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        committee_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        study_content_id uuid REFERENCES study_content(id) ON DELETE RESTRICT,
        instance_id uuid UNIQUE,
        status varchar(16) NOT NULL CHECK (status IN ('pending','submitted','returned','approved')),
        topic varchar(200),
        planned_at timestamptz,
        place varchar(200),
        meeting_types text[] NOT NULL DEFAULT '{}',
        segments jsonb NOT NULL DEFAULT '[]',
        activity jsonb,
        revision int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        approved_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_monthly_plan_branch_month ON monthly_plan (branch_id, month)`);
    await q.query(`
      CREATE TABLE plan_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES monthly_plan(id) ON DELETE CASCADE,
        level smallint NOT NULL CHECK (level IN (1, 2)),
        decision varchar(16) NOT NULL CHECK (decision IN ('approve','return')),
        comment text,
        revision int NOT NULL,
        reviewer_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (decision = 'approve' OR comment IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_plan_review_plan ON plan_review (plan_id, created_at)`);
    await q.query(`
      CREATE TABLE org_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL UNIQUE REFERENCES monthly_plan(id) ON DELETE RESTRICT,
        branch_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        committee_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        month char(7) NOT NULL,
        scheduled_at timestamptz NOT NULL,
        place varchar(200),
        meeting_types text[] NOT NULL DEFAULT '{}',
        activity jsonb,
        status varchar(16) NOT NULL CHECK (status IN ('scheduled','recorded','summarized','closed')),
        instance_id uuid,
        held_at timestamptz,
        recorded_by uuid REFERENCES person(id) ON DELETE RESTRICT,
        recorded_at timestamptz,
        summary text,
        summary_by uuid REFERENCES person(id) ON DELETE RESTRICT,
        summary_at timestamptz,
        summary_overdue_at timestamptz,
        closed_at timestamptz,
        evaluated_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_org_session_branch_month ON org_session (branch_id, month)`);
    await q.query(`
      CREATE TABLE session_self_study (
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        note text,
        confirmed_at timestamptz NOT NULL,
        PRIMARY KEY (session_id, person_id)
      )`);
    await q.query(`
      CREATE TABLE session_attendance (
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        status varchar(16) NOT NULL CHECK (status IN ('present','leave','late','absent')),
        reason text,
        PRIMARY KEY (session_id, person_id),
        CHECK (status IN ('present','late') OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_session_attendance_person ON session_attendance (person_id)`);
    await q.query(`
      CREATE TABLE session_segment (
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        key varchar(16) NOT NULL CHECK (key IN ('study','lecture','listen','report','review','decide')),
        owner_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        record text NOT NULL,
        PRIMARY KEY (session_id, key)
      )`);
    await q.query(`
      CREATE TABLE session_speech (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        topic varchar(200) NOT NULL,
        content text
      )`);
    await q.query(`CREATE INDEX ix_session_speech_person ON session_speech (person_id)`);
    await q.query(`
      CREATE TABLE session_lecture (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        kind varchar(24) NOT NULL CHECK (kind IN ('leader','committee_secretary','expert',
          'branch_secretary','committee_member','member')),
        speaker_id uuid REFERENCES person(id) ON DELETE RESTRICT,
        speaker_name varchar(100),
        title varchar(200) NOT NULL,
        CHECK (speaker_id IS NOT NULL OR speaker_name IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_session_lecture_speaker ON session_lecture (speaker_id)`);
    await q.query(`
      CREATE TABLE session_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        kind varchar(16) NOT NULL CHECK (kind IN ('task','vanguard','thought')),
        content text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_session_report_person ON session_report (person_id)`);
    await q.query(`
      CREATE TABLE session_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        category varchar(16) NOT NULL CHECK (category IN ('work','matter','self_building')),
        content text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE session_attachment (
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        attachment_id uuid NOT NULL REFERENCES attachment(id) ON DELETE RESTRICT,
        kind varchar(16) NOT NULL CHECK (kind IN ('photo','minutes','other')),
        PRIMARY KEY (session_id, attachment_id)
      )`);
    await q.query(`
      CREATE TABLE branch_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        opinion text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_branch_review UNIQUE (session_id, reviewer_id)
      )`);
    await q.query(`
      CREATE TABLE peer_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES session_report(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        comment text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_peer_review UNIQUE (report_id, reviewer_id)
      )`);
    await q.query(`
      CREATE TABLE secretary_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        author_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        comment text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_secretary_comment UNIQUE (session_id, person_id)
      )`);
    await q.query(`
      CREATE TABLE vanguard_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quarter char(6) NOT NULL UNIQUE CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
        instance_id uuid,
        opened_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE vanguard_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES vanguard_round(id) ON DELETE CASCADE,
        branch_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        author_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        grade varchar(16) NOT NULL CHECK (grade IN ('excellent','good','fair','poor')),
        comment text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_vanguard_comment UNIQUE (round_id, person_id)
      )`);
    await q.query(`CREATE INDEX ix_vanguard_comment_person ON vanguard_comment (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'vanguard_comment',
      'vanguard_round',
      'secretary_comment',
      'peer_review',
      'branch_review',
      'session_attachment',
      'session_decision',
      'session_report',
      'session_lecture',
      'session_speech',
      'session_segment',
      'session_attendance',
      'session_self_study',
      'org_session',
      'plan_review',
      'monthly_plan',
      'weak_branch',
      'study_arrangement',
      'study_content',
      'attachment',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
