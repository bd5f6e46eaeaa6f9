import { ApiProperty } from '@nestjs/swagger';
import type { PhotoCheck, SessionPhoto } from './session-photos.js';

export class PhotoCheckResponse implements PhotoCheck {
  @ApiProperty({
    type: Number,
    description: "Hours between the EXIF time and the session's (held, else scheduled) time",
  })
  hoursFromSession: number | null;

  @ApiProperty({
    type: Number,
    description:
      'Metres from the venue; null when either position is unknown or the caller has no mandate over the branch',
  })
  metresFromVenue: number | null;

  @ApiProperty({
    description: 'Taken more than PHOTO_TIME_TOLERANCE_HOURS from the session (flag)',
  })
  farInTime: boolean;

  @ApiProperty({ description: 'Taken more than PHOTO_PLACE_TOLERANCE_M from the venue (flag)' })
  farInPlace: boolean;
}

/** A session photo: thumbnail at GET /attachments/{attachmentId}/thumbnail. */
export class SessionPhotoResponse implements SessionPhoto {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ format: 'uuid' })
  attachmentId: string;

  @ApiProperty({ example: 'photo' })
  kind: string;

  fileName: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'EXIF time' })
  takenAt: Date | null;

  @ApiProperty({
    type: Number,
    description: 'EXIF position (WGS-84); null when unknown or without a mandate over the branch',
  })
  gpsLatitude: number | null;

  @ApiProperty({ type: Number, description: 'See gpsLatitude' })
  gpsLongitude: number | null;

  check: PhotoCheckResponse;
}
