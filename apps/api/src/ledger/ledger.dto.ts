import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { LEDGER_PERIODS, type LedgerPeriod } from './ledger-period.js';

export class LedgerQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Default: the current year (China time)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A committee or branch; default everything I may see',
  })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

/** PUT /ledger/requirements/:key — OD changes how often something is required. */
export class UpdateRequirementDto {
  @IsIn(LEDGER_PERIODS)
  period: LedgerPeriod;

  @ApiProperty({ minimum: 0, maximum: 100, description: '0 switches the requirement off' })
  @IsInt()
  @Min(0)
  @Max(100)
  minCount: number;
}
