import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos keep a server-made thumbnail and what their EXIF says: when the picture was taken and,
 * when the phone recorded it, where (WGS-84), with the raw tags read. Written with the file in
 * one INSERT, so a photo is never stored without them.
 */
export class AttachmentPhotos1767000000000 implements MigrationInterface {
  name = 'AttachmentPhotos1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE attachment
        ADD COLUMN thumbnail bytea,
        ADD COLUMN taken_at timestamptz,
        ADD COLUMN gps_latitude double precision CHECK (gps_latitude BETWEEN -90 AND 90),
        ADD COLUMN gps_longitude double precision CHECK (gps_longitude BETWEEN -180 AND 180),
        ADD COLUMN exif jsonb,
        ADD CONSTRAINT ck_attachment_gps CHECK ((gps_latitude IS NULL) = (gps_longitude IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE attachment DROP CONSTRAINT ck_attachment_gps, DROP COLUMN exif,
        DROP COLUMN gps_longitude, DROP COLUMN gps_latitude, DROP COLUMN taken_at,
        DROP COLUMN thumbnail`);
  }
}
