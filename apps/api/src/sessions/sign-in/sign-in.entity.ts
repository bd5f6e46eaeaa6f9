import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a sign-in was made: the member scanned the QR code, or the secretary signed them in (代签). */
export type SignInMethod = 'qr' | 'proxy';

/**
 * The place check: none (the venue has no coordinates, or 代签), verified (within the radius),
 * declined (the member gave no location; the secretary confirms), confirmed (by the secretary).
 */
export type PlaceStatus = 'none' | 'verified' | 'declined' | 'confirmed';

/** 签到: one row per member and session, kept once by its key. */
@Entity('session_sign_in')
export class SessionSignIn {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  @Column({ type: 'boolean' })
  late: boolean;

  @Column({ type: 'varchar', length: 8 })
  method: SignInMethod;

  @Column({ name: 'proxy_by', type: 'uuid', nullable: true })
  proxyBy: string | null;

  @Column({ name: 'proxy_reason', type: 'text', nullable: true })
  proxyReason: string | null;

  @Column({ name: 'place_status', type: 'varchar', length: 12 })
  placeStatus: PlaceStatus;

  @Column({ name: 'distance_m', type: 'int', nullable: true })
  distanceM: number | null;

  @Column({ name: 'place_confirmed_by', type: 'uuid', nullable: true })
  placeConfirmedBy: string | null;
}
