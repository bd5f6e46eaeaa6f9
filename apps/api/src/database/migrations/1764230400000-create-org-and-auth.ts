import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrgAndAuth1764230400000 implements MigrationInterface {
  name = 'CreateOrgAndAuth1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        type varchar(16) NOT NULL CHECK (type IN ('university','committee','branch','group')),
        direct boolean NOT NULL DEFAULT false CHECK (NOT direct OR type = 'branch'),
        parent_id uuid REFERENCES org_unit(id) ON DELETE RESTRICT,
        path text NOT NULL UNIQUE,
        depth int NOT NULL,
        sort_order int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((parent_id IS NULL) = (type = 'university'))
      )`);
    await q.query(`CREATE INDEX ix_org_unit_path ON org_unit (path text_pattern_ops)`);
    await q.query(`CREATE INDEX ix_org_unit_parent ON org_unit (parent_id)`);
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_no varchar(32) NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        gender varchar(8) CHECK (gender IN ('male','female')),
        phone varchar(32),
        org_unit_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE RESTRICT,
        member_type varchar(16) CHECK (member_type IN ('full','probationary')),
        joined_party_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_person_org_unit ON person (org_unit_id)`);
    await q.query(`
      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        role varchar(32) NOT NULL CHECK (role IN ('od_admin','committee_secretary',
          'committee_deputy','organizer','branch_secretary','branch_committee','member',
          'inspector','leader')),
        org_unit_id uuid NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_role_assignment UNIQUE (person_id, role, org_unit_id)
      )`);
    await q.query(`CREATE INDEX ix_role_assignment_unit ON role_assignment (role, org_unit_id)`);
    await q.query(`
      CREATE TABLE account (
        person_id uuid PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
        username varchar(64) NOT NULL UNIQUE,
        password_hash text,
        password_changed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_refresh_token_person ON refresh_token (person_id)`);
    await q.query(`CREATE INDEX ix_refresh_token_family ON refresh_token (family_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['refresh_token', 'account', 'role_assignment', 'person', 'org_unit']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
