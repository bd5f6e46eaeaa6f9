import type { EntityManager } from 'typeorm';
import { distanceM } from './sign-in/sign-in.rules.js';

/** How far from its session a photo may be taken before it is flagged. */
export interface PhotoTolerance {
  hours: number;
  metres: number;
}

export const DEFAULT_PHOTO_TOLERANCE: PhotoTolerance = { hours: 12, metres: 1000 };

/** How a photo's EXIF compares with its session; a flag is for the inspector, never a refusal. */
export interface PhotoCheck {
  /** Hours between the photo's EXIF time and the session's (held, else scheduled) time. */
  hoursFromSession: number | null;
  /** Metres from the venue; null when either position is unknown or not disclosed. */
  metresFromVenue: number | null;
  farInTime: boolean;
  farInPlace: boolean;
}

/** A session's photo with its EXIF time, position (under a mandate only) and check. */
export interface SessionPhoto {
  sessionId: string;
  attachmentId: string;
  kind: string;
  fileName: string;
  takenAt: Date | null;
  gpsLatitude: number | null;
  gpsLongitude: number | null;
  check: PhotoCheck;
}

interface PhotoFacts {
  takenAt: Date | null;
  gpsLatitude: number | null;
  gpsLongitude: number | null;
}

interface SessionFacts {
  scheduledAt: Date;
  heldAt: Date | null;
  venueLatitude: number | null;
  venueLongitude: number | null;
}

const HOUR = 3_600_000;

export function checkPhoto(
  photo: PhotoFacts,
  session: SessionFacts,
  tolerance: PhotoTolerance,
): PhotoCheck {
  const sessionAt = session.heldAt ?? session.scheduledAt;
  const hours = photo.takenAt
    ? Math.round((Math.abs(photo.takenAt.getTime() - sessionAt.getTime()) / HOUR) * 10) / 10
    : null;
  const metres =
    photo.gpsLatitude != null &&
    photo.gpsLongitude != null &&
    session.venueLatitude != null &&
    session.venueLongitude != null
      ? distanceM(
          { latitude: photo.gpsLatitude, longitude: photo.gpsLongitude },
          { latitude: session.venueLatitude, longitude: session.venueLongitude },
        )
      : null;
  return {
    hoursFromSession: hours,
    metresFromVenue: metres,
    farInTime: hours !== null && hours > tolerance.hours,
    farInPlace: metres !== null && metres > tolerance.metres,
  };
}

interface PhotoRow extends PhotoFacts, SessionFacts {
  sessionId: string;
  attachmentId: string;
  kind: string;
  fileName: string;
}

const at = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/**
 * The image attachments of `sessionIds`, each checked against its session. Without `mandate` the
 * position and the distance are left out (whether it is far is still said).
 */
export async function sessionPhotos(
  em: EntityManager,
  sessionIds: string[],
  tolerance: PhotoTolerance,
  mandate: boolean,
): Promise<SessionPhoto[]> {
  if (sessionIds.length === 0) return [];
  const rows = await em.query<PhotoRow[]>(
    `SELECT t.session_id AS "sessionId", t.attachment_id AS "attachmentId", t.kind,
            f.file_name AS "fileName", f.taken_at AS "takenAt",
            f.gps_latitude AS "gpsLatitude", f.gps_longitude AS "gpsLongitude",
            s.scheduled_at AS "scheduledAt", s.held_at AS "heldAt",
            s.venue_latitude AS "venueLatitude", s.venue_longitude AS "venueLongitude"
       FROM session_attachment t
       JOIN attachment f ON f.id = t.attachment_id
       JOIN org_session s ON s.id = t.session_id
      WHERE t.session_id = ANY($1::uuid[]) AND f.mime_type LIKE 'image/%'
      ORDER BY f.taken_at NULLS LAST, f.file_name`,
    [sessionIds],
  );
  return rows.map((r) => {
    const photo = {
      takenAt: at(r.takenAt),
      gpsLatitude: r.gpsLatitude,
      gpsLongitude: r.gpsLongitude,
    };
    const check = checkPhoto(
      photo,
      { ...r, scheduledAt: at(r.scheduledAt)!, heldAt: at(r.heldAt) },
      tolerance,
    );
    return {
      sessionId: r.sessionId,
      attachmentId: r.attachmentId,
      kind: r.kind,
      fileName: r.fileName,
      takenAt: photo.takenAt,
      gpsLatitude: mandate ? r.gpsLatitude : null,
      gpsLongitude: mandate ? r.gpsLongitude : null,
      check: mandate ? check : { ...check, metresFromVenue: null },
    };
  });
}

/** The tolerance in force: the configured values over the defaults. */
export function photoTolerance(options: {
  photoTolerance?: Partial<PhotoTolerance>;
}): PhotoTolerance {
  return { ...DEFAULT_PHOTO_TOLERANCE, ...options.photoTolerance };
}
