import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class VenueDto {
  @ApiProperty({ description: 'WGS-84 latitude of the venue', example: 39.9999 })
  @IsLatitude({ message: '请填写有效的纬度 (latitude must be between -90 and 90)' })
  latitude: number;

  @ApiProperty({ description: 'WGS-84 longitude of the venue', example: 116.3264 })
  @IsLongitude({ message: '请填写有效的经度 (longitude must be between -180 and 180)' })
  longitude: number;

  @ApiProperty({ minimum: 10, maximum: 5000, description: 'Allowed distance, metres' })
  @IsInt()
  @Min(10, { message: '签到范围至少10米 (radiusM must be at least 10)' })
  @Max(5000, { message: '签到范围至多5000米 (radiusM must be at most 5000)' })
  radiusM: number;
}

/** The sign-in window and place check of one session, set by the branch secretary. */
export class SignInSettingsDto {
  @ApiProperty({
    minimum: 0,
    maximum: 1440,
    description: 'Opens this many minutes before the start',
  })
  @IsInt()
  @Min(0)
  @Max(1440, { message: '最早提前24小时开放签到 (opensBeforeMin must be at most 1440)' })
  opensBeforeMin: number;

  @ApiProperty({
    minimum: 15,
    maximum: 1440,
    description: 'Closes this many minutes after the start',
  })
  @IsInt()
  @Min(15, { message: '签到至少持续15分钟 (durationMin must be at least 15)' })
  @Max(1440)
  durationMin: number;

  @ApiProperty({ minimum: 0, maximum: 240, description: 'Late (迟到) after this many minutes' })
  @IsInt()
  @Min(0)
  @Max(240)
  lateAfterMin: number;

  @ApiPropertyOptional({ type: VenueDto, description: 'null: no place check' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VenueDto)
  venue?: VenueDto | null;
}

export class CheckInPassDto {
  @ApiProperty({ description: 'The code read from the QR' })
  @IsString()
  @IsNotEmpty({ message: '缺少签到码 (code is required)' })
  @MaxLength(1000)
  code: string;
}

/** A member's own sign-in: a fresh code (or a pass got with one), and the place when asked. */
export class CheckInDto {
  @ApiPropertyOptional({ description: 'The code read from the QR' })
  @ValidateIf((o: CheckInDto) => o.pass === undefined)
  @IsString()
  @IsNotEmpty({ message: '缺少签到码 (code or pass is required)' })
  @MaxLength(1000)
  code?: string;

  @ApiPropertyOptional({
    description: 'From POST …/check-in/pass, when the member signed in to the app first',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  pass?: string;

  @ApiPropertyOptional({ description: "The phone's latitude, when the venue has coordinates" })
  @ValidateIf((o: CheckInDto) => o.longitude !== undefined || o.latitude !== undefined)
  @IsLatitude({ message: '位置无效 (latitude must be between -90 and 90)' })
  latitude?: number;

  @ApiPropertyOptional({ description: "The phone's longitude" })
  @ValidateIf((o: CheckInDto) => o.longitude !== undefined || o.latitude !== undefined)
  @IsLongitude({ message: '位置无效 (longitude must be between -180 and 180)' })
  longitude?: number;

  @ApiPropertyOptional({ description: 'true: sign in without a location; the secretary confirms' })
  @IsOptional()
  @IsBoolean()
  declineLocation?: boolean;
}

/** 代签: the secretary signs a member in by hand, with the reason. */
export class ProxySignInDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: '请选择党员 (personId must be a person id)' })
  personId: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty({ message: '请填写代签原因 (reason is required)' })
  @MaxLength(500)
  reason: string;
}
