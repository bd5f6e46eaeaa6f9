import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?year=2026`: a calendar year on the university's clock, default the current one. */
export class YearQueryDto {
  @ApiPropertyOptional({
    example: 2026,
    description: "Default: the current year (university's clock)",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
