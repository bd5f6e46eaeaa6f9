import type { OrgSession } from '../session.entity.js';

const MINUTE = 60_000;

export interface SignInWindow {
  opensAt: Date;
  closesAt: Date;
}

/** From `signInOpensBeforeMin` before the scheduled start to `signInDurationMin` after it. */
export function signInWindow(session: OrgSession): SignInWindow {
  const start = session.scheduledAt.getTime();
  return {
    opensAt: new Date(start - session.signInOpensBeforeMin * MINUTE),
    closesAt: new Date(start + session.signInDurationMin * MINUTE),
  };
}

export function isWithin(window: SignInWindow, at: Date): boolean {
  return at >= window.opensAt && at < window.closesAt;
}

/** Late (迟到) when signed in more than `lateAfterMin` minutes after the scheduled start. */
export function isLate(session: OrgSession, at: Date): boolean {
  return at.getTime() > session.scheduledAt.getTime() + session.lateAfterMin * MINUTE;
}

export interface Venue {
  latitude: number;
  longitude: number;
  radiusM: number;
}

export function venueOf(session: OrgSession): Venue | null {
  if (session.venueLatitude == null || session.venueLongitude == null || !session.venueRadiusM)
    return null;
  return {
    latitude: session.venueLatitude,
    longitude: session.venueLongitude,
    radiusM: session.venueRadiusM,
  };
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine), rounded. */
export function distanceM(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}
