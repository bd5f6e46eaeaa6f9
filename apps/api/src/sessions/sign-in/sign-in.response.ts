import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PlaceStatus, SignInMethod } from './sign-in.entity.js';

export class VenueResponse {
  latitude: number;

  longitude: number;

  radiusM: number;
}

export class SignInSettingsResponse {
  opensBeforeMin: number;

  durationMin: number;

  lateAfterMin: number;

  venue: VenueResponse | null;

  @ApiProperty({ format: 'date-time' })
  opensAt: Date;

  @ApiProperty({ format: 'date-time' })
  closesAt: Date;
}

export class SignInResponse {
  @ApiProperty({ format: 'uuid' })
  personId: string;

  name: string;

  @ApiProperty({ format: 'date-time' })
  signedAt: Date;

  late: boolean;

  @ApiProperty({ enum: ['qr', 'proxy'], description: 'qr 扫码签到, proxy 代签' })
  method: SignInMethod;

  @ApiPropertyOptional({ description: '代签 by' })
  proxyByName: string | null;

  proxyReason: string | null;

  @ApiProperty({
    enum: ['none', 'verified', 'declined', 'confirmed'],
    description: 'declined: no location given, for the secretary to confirm',
  })
  placeStatus: PlaceStatus;

  distanceM: number | null;
}

export class SignInMemberResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  name: string;
}

/** The 签到表 of a session: who is expected, who signed in. */
export class SignInSheetResponse {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  branchName: string;

  @ApiProperty({ format: 'date-time' })
  scheduledAt: Date;

  place: string | null;

  @ApiProperty({ description: 'scheduled: sign-in possible; otherwise already recorded' })
  status: string;

  settings: SignInSettingsResponse;

  @ApiProperty({ description: '应到: members of the branch' })
  expected: number;

  members: SignInMemberResponse[];

  @ApiProperty({ type: [SignInResponse], description: 'By time of sign-in' })
  signIns: SignInResponse[];
}

/** What the 签到 screen shows: the current code while the window is open. */
export class SignInCodeResponse {
  open: boolean;

  @ApiProperty({ format: 'date-time' })
  opensAt: Date;

  @ApiProperty({ format: 'date-time' })
  closesAt: Date;

  @ApiProperty({ type: String, description: 'The signed code (null when closed)' })
  code: string | null;

  @ApiProperty({
    type: String,
    description: 'The app path the QR encodes, e.g. /sessions/{id}/check-in?code=…',
  })
  path: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  rotatesAt: Date | null;
}

export class CheckInPassResponse {
  pass: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: Date;
}

export class CheckInResultResponse {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  branchName: string;

  signIn: SignInResponse;

  @ApiProperty({ description: 'true when this member had already signed in' })
  already: boolean;
}

/** What a member's phone needs before signing in: whether the venue asks for the location. */
export class CheckInInfoResponse {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  branchName: string;

  @ApiProperty({ format: 'date-time' })
  scheduledAt: Date;

  place: string | null;

  @ApiProperty({ description: 'The venue has coordinates: send the location or decline' })
  placeCheck: boolean;

  @ApiPropertyOptional({ type: SignInResponse, description: 'Mine, if signed in' })
  mine: SignInResponse | null;
}
