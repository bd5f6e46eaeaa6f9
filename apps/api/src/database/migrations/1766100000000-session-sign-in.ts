import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QR sign-in (签到, issue 17): each session's sign-in window and optional venue, and one row per
 * member who signed in (by the QR code or by the secretary's 代签), kept once by its key.
 */
export class SessionSignIn1766100000000 implements MigrationInterface {
  name = 'SessionSignIn1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE org_session
        ADD COLUMN sign_in_opens_before_min int NOT NULL DEFAULT 30
          CHECK (sign_in_opens_before_min BETWEEN 0 AND 1440),
        ADD COLUMN sign_in_duration_min int NOT NULL DEFAULT 180
          CHECK (sign_in_duration_min BETWEEN 15 AND 1440),
        ADD COLUMN late_after_min int NOT NULL DEFAULT 0
          CHECK (late_after_min BETWEEN 0 AND 240),
        ADD COLUMN venue_latitude double precision CHECK (venue_latitude BETWEEN -90 AND 90),
        ADD COLUMN venue_longitude double precision CHECK (venue_longitude BETWEEN -180 AND 180),
        ADD COLUMN venue_radius_m int CHECK (venue_radius_m BETWEEN 10 AND 5000),
        ADD CONSTRAINT org_session_venue_whole CHECK (
          (venue_latitude IS NULL) = (venue_longitude IS NULL)
          AND (venue_latitude IS NULL) = (venue_radius_m IS NULL))`);
    await q.query(`
      CREATE TABLE session_sign_in (
        session_id uuid NOT NULL REFERENCES org_session(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        signed_at timestamptz NOT NULL,
        late boolean NOT NULL,
        method varchar(8) NOT NULL CHECK (method IN ('qr','proxy')),
        proxy_by uuid REFERENCES person(id) ON DELETE RESTRICT,
        proxy_reason text,
        place_status varchar(12) NOT NULL
          CHECK (place_status IN ('none','verified','declined','confirmed')),
        distance_m int,
        place_confirmed_by uuid REFERENCES person(id) ON DELETE RESTRICT,
        PRIMARY KEY (session_id, person_id),
        CHECK (method = 'qr' OR (proxy_by IS NOT NULL AND proxy_reason IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_sign_in`);
    await q.query(`
      ALTER TABLE org_session
        DROP CONSTRAINT org_session_venue_whole,
        DROP COLUMN sign_in_opens_before_min, DROP COLUMN sign_in_duration_min,
        DROP COLUMN late_after_min, DROP COLUMN venue_latitude, DROP COLUMN venue_longitude,
        DROP COLUMN venue_radius_m`);
  }
}
