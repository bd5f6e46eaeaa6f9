import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PlaceStatus, SignInMethod } from './sign-in.entity.js';

export class VenueResponse {
  @ApiProperty()
  latitude: number;

  @ApiProperty()
  longitude: number;

  @ApiProperty()
  radiusM: number;
}

export class SignInSettingsResponse {
  @ApiProperty()
  opensBeforeMin: number;

  @ApiProperty()
  durationMin: number;

  @ApiProperty()
  lateAfterMin: number;

  @ApiProperty({ type: VenueResponse, nullable: true })
  venue: VenueResponse | null;

  @ApiProperty({ format: 'date-time' })
  opensAt: Date;

  @ApiProperty({ format: 'date-time' })
  closesAt: Date;
}

export class SignInResponse {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ format: 'date-time' })
  signedAt: Date;

  @ApiProperty()
  late: boolean;

  @ApiProperty({ enum: ['qr', 'proxy'], description: 'qr 扫码签到, proxy 代签' })
  method: SignInMethod;

  @ApiPropertyOptional({ nullable: true, description: '代签 by' })
  proxyByName: string | null;

  @ApiProperty({ nullable: true, type: String })
  proxyReason: string | null;

  @ApiProperty({
    enum: ['none', 'verified', 'declined', 'confirmed'],
    description: 'declined: no location given, for the secretary to confirm',
  })
  placeStatus: PlaceStatus;

  @ApiProperty({ nullable: true, type: Number })
  distanceM: number | null;
}

export class SignInMemberResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

/** The 签到表 of a session: who is expected, who signed in. */
export class SignInSheetResponse {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty()
  branchName: string;

  @ApiProperty({ format: 'date-time' })
  scheduledAt: Date;

  @ApiProperty({ nullable: true, type: String })
  place: string | null;

  @ApiProperty({ description: 'scheduled: sign-in possible; otherwise already recorded' })
  status: string;

  @ApiProperty({ type: SignInSettingsResponse })
  settings: SignInSettingsResponse;

  @ApiProperty({ description: '应到: members of the branch' })
  expected: number;

  @ApiProperty({ type: [SignInMemberResponse] })
  members: SignInMemberResponse[];

  @ApiProperty({ type: [SignInResponse], description: 'By time of sign-in' })
  signIns: SignInResponse[];
}

/** What the 签到 screen shows: the current code while the window is open. */
export class SignInCodeResponse {
  @ApiProperty()
  open: boolean;

  @ApiProperty({ format: 'date-time' })
  opensAt: Date;

  @ApiProperty({ format: 'date-time' })
  closesAt: Date;

  @ApiProperty({ nullable: true, type: String, description: 'The signed code (null when closed)' })
  code: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The app path the QR encodes, e.g. /sessions/{id}/check-in?code=…',
  })
  path: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  rotatesAt: Date | null;
}

export class CheckInPassResponse {
  @ApiProperty()
  pass: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: Date;
}

export class CheckInResultResponse {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty()
  branchName: string;

  @ApiProperty({ type: SignInResponse })
  signIn: SignInResponse;

  @ApiProperty({ description: 'true when this member had already signed in' })
  already: boolean;
}

/** What a member's phone needs before signing in: whether the venue asks for the location. */
export class CheckInInfoResponse {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty()
  branchName: string;

  @ApiProperty({ format: 'date-time' })
  scheduledAt: Date;

  @ApiProperty({ nullable: true, type: String })
  place: string | null;

  @ApiProperty({ description: 'The venue has coordinates: send the location or decline' })
  placeCheck: boolean;

  @ApiPropertyOptional({ type: SignInResponse, nullable: true, description: 'Mine, if signed in' })
  mine: SignInResponse | null;
}
