import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { STAND_IN_REASONS, type StandInReason } from './stand-in.entity.js';

export class CreateStandInDto {
  @ApiPropertyOptional({
    description: 'Whose stand-in (default: me; others need an org admin role on their unit)',
  })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiProperty({ description: 'Who handles the new work meanwhile' })
  @IsUUID()
  standInId: string;

  @ApiProperty({ type: String, format: 'date-time' }) @IsDateString() startsAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) @IsDateString() endsAt: string;

  @ApiProperty({ enum: STAND_IN_REASONS, description: '出差 business_trip, 请假 leave, other' })
  @IsIn(STAND_IN_REASONS)
  reason: StandInReason;

  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class StandInDto {
  id: string;
  personId: string;
  personName: string;
  standInId: string;
  standInName: string;
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) endsAt: string;
  @ApiProperty({ enum: STAND_IN_REASONS }) reason: string;
  note: string | null;
}

/** The stand-in just named. */
export class StandInCreatedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
}
