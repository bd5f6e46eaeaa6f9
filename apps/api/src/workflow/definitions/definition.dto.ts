import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ElementProblem } from '../../common/problem.js';
import type { WorkflowDefinition } from './definition.entity.js';

const MAX_XML = 2 * 1024 * 1024;

export class ValidateDefinitionDto {
  @ApiProperty({ description: 'BPMN 2.0 XML (Camunda 8 / zeebe extensions)' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_XML)
  xml: string;
}

export class DeployDefinitionDto extends ValidateDefinitionDto {
  @ApiPropertyOptional({ description: 'Display name of this version' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ description: 'What changed in this version (版本说明)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ValidationResultDto {
  ok: boolean;
  problems: ElementProblem[];
}

export class DefinitionDto {
  id: string;
  processId: string;
  version: number;
  name: string | null;
  note: string | null;
  @ApiProperty({ enum: ['file', 'upload'] }) source: string;
  sourceName: string | null;
  deployedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) deployedAt: string;
  contentHash: string;
}

export class DefinitionDetailDto extends DefinitionDto {
  xml: string;
}

export class DefinitionVersionDto extends DefinitionDto {
  @ApiProperty({ description: 'Instances still running on this version' })
  runningInstances: number;
}

/** A `workflows/` file whose content was never deployed, waiting behind an administrator's version. */
export class NewerDefaultDto {
  @ApiProperty({ description: 'The file in workflows/' }) sourceName: string;
  contentHash: string;
}

export class DefinitionListItemDto extends DefinitionDto {
  @ApiProperty({
    type: NewerDefaultDto,
    description: 'Set when the workflows/ file is newer than the version in use (an upload)',
  })
  newerDefault: NewerDefaultDto | null;
}

/** The default from `workflows/` next to the version in use, for the diff before adopting it. */
export class DefaultDefinitionDto extends NewerDefaultDto {
  processId: string;
  @ApiProperty({ description: 'The file’s BPMN XML' }) xml: string;
  @ApiProperty({ description: 'True when this content was deployed at some version' })
  deployed: boolean;
  @ApiProperty({ type: DefinitionDetailDto, description: 'The version in use (the latest)' })
  inUse: DefinitionDetailDto;
}

export function toDefinitionDto(d: WorkflowDefinition): DefinitionDto {
  return {
    id: d.id,
    processId: d.processId,
    version: d.version,
    name: d.name,
    note: d.note,
    source: d.source,
    sourceName: d.sourceName,
    deployedBy: d.deployedBy,
    deployedAt: d.deployedAt.toISOString(),
    contentHash: d.contentHash,
  };
}
