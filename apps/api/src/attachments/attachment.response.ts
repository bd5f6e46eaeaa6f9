import { ApiProperty } from '@nestjs/swagger';
import type { Attachment } from './attachment.entity.js';

/** An attachment's metadata; the bytes are at GET /attachments/{id}/content. */
export class AttachmentResponse implements Omit<Attachment, 'content'> {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The unit whose people may read it' })
  orgUnitId: string;

  @ApiProperty()
  fileName: string;

  @ApiProperty({ example: 'image/jpeg' })
  mimeType: string;

  @ApiProperty()
  sizeBytes: number;

  @ApiProperty({ description: 'SHA-256 of the content, hex' })
  sha256: string;

  @ApiProperty({ format: 'uuid' })
  uploadedBy: string;

  @ApiProperty()
  createdAt: Date;
}
