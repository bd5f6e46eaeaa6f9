import { ApiProperty } from '@nestjs/swagger';
import type { Attachment, ExifValue } from './attachment.entity.js';

/**
 * An attachment's metadata; the bytes are at GET /attachments/{id}/content, an image's thumbnail
 * at GET /attachments/{id}/thumbnail.
 */
export class AttachmentResponse implements Omit<Attachment, 'content' | 'thumbnail'> {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The unit whose people may read it' })
  orgUnitId: string;

  fileName: string;

  @ApiProperty({ example: 'image/jpeg' })
  mimeType: string;

  sizeBytes: number;

  @ApiProperty({ description: 'SHA-256 of the content, hex' })
  sha256: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: "When a photo was taken (EXIF DateTimeOriginal); null when it doesn't say",
  })
  takenAt: Date | null;

  @ApiProperty({
    type: Number,
    description:
      'Where a photo was taken (EXIF GPS, WGS-84); null when unknown or the caller has no mandate over the unit',
  })
  gpsLatitude: number | null;

  @ApiProperty({ type: Number, description: 'See gpsLatitude' })
  gpsLongitude: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "A photo's EXIF tags as read; null without them or without a mandate over the unit",
  })
  exif: Record<string, ExifValue> | null;

  @ApiProperty({ format: 'uuid' })
  uploadedBy: string;

  createdAt: Date;
}
