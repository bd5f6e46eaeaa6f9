import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ExifValue = string | number | number[];

/** An uploaded file (photo, minutes, material), stored in the database so both drivers behave alike. */
@Entity('attachment')
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The unit whose people may read it (its subtree and its ancestors' roles). */
  @Column({ name: 'org_unit_id', type: 'uuid' })
  orgUnitId: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'mime_type', type: 'varchar', length: 127 })
  mimeType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  /** A JPEG at most 320 px on its longer side, turned upright (images only). */
  @Column({ type: 'bytea', nullable: true, select: false })
  thumbnail: Buffer | null;

  /** EXIF DateTimeOriginal, on the university's clock unless the photo names its offset. */
  @Column({ name: 'taken_at', type: 'timestamptz', nullable: true })
  takenAt: Date | null;

  /** EXIF GPS position (WGS-84), both or neither; disclosed only under a mandate over the unit. */
  @Column({ name: 'gps_latitude', type: 'double precision', nullable: true })
  gpsLatitude: number | null;

  @Column({ name: 'gps_longitude', type: 'double precision', nullable: true })
  gpsLongitude: number | null;

  /** The EXIF tags read (text and numbers only); disclosed only under a mandate over the unit. */
  @Column({ type: 'jsonb', nullable: true })
  exif: Record<string, ExifValue> | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
