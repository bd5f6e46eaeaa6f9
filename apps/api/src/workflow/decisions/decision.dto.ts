import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const MAX_XML = 2 * 1024 * 1024;

export class DeployDecisionsDto {
  @ApiProperty({ description: 'DMN 1.3 XML (decision tables, literal expressions)' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_XML)
  xml: string;

  @ApiPropertyOptional({ description: 'The file name it came from' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  sourceName?: string;
}

/** One decision business rule tasks can call: its latest deployment. */
export class DeployedDecisionDto {
  decisionId: string;
  name: string;
  deploymentId: string;
  sourceName: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) deployedAt: string;
}
