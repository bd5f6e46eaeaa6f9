import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ORG_UNIT_TYPES, type OrgUnitType } from './org-unit-type.js';

export class OrgUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'C1-B1' })
  code: string;

  @ApiProperty({ example: '计算机学院教工第一党支部' })
  name: string;

  @ApiProperty({ enum: ORG_UNIT_TYPES })
  type: OrgUnitType;

  @ApiProperty({
    description: '直属党支部: a branch directly under the university (also a committee)',
  })
  direct: boolean;

  @ApiProperty({ format: 'uuid', type: String })
  parentId: string | null;

  @ApiProperty({ description: '0 for the university' })
  depth: number;

  @ApiProperty({
    type: String,
    description:
      '统一身份认证自动建档: the campus unit code whose unknown people campus sign-in creates here; null = off',
  })
  ssoCampusUnitCode: string | null;
}

export class OrgUnitNodeDto extends OrgUnitDto {
  children: OrgUnitNodeDto[];
}

const CREATABLE_TYPES = ORG_UNIT_TYPES.filter((t) => t !== 'university');

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'C1-B4', description: 'Unique code; letters, digits, - and _' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code must be 1-64 letters, digits, - or _' })
  code: string;

  @ApiProperty({ example: '计算机学院博士生党支部' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: CREATABLE_TYPES })
  @IsIn(CREATABLE_TYPES)
  type: Exclude<OrgUnitType, 'university'>;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  parentId: string;
}

/** Rename, recode, move or re-sort a unit (Organization Department only); omitted fields stay. */
export class UpdateOrgUnitDto {
  @ApiPropertyOptional({ example: 'C1-B4' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code must be 1-64 letters, digits, - or _' })
  code?: string;

  @ApiPropertyOptional({ example: '计算机学院博士生党支部' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The new parent: moves the unit with its subtree',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'Position among its siblings (0 first)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  sortOrder?: number;
}

/** 统一身份认证自动建档 on a unit (Organization Department only). */
export class SsoAutoCreateDto {
  @ApiProperty({ description: 'Create people unknown to the roster here at their campus sign-in' })
  @IsBoolean()
  enabled: boolean;

  @ApiPropertyOptional({
    example: '0301',
    description:
      'Required when enabled: the campus unit code the identity carries (SSO_OIDC_UNIT_CLAIM / SSO_CAS_UNIT_ATTRIBUTE)',
  })
  @ValidateIf((dto: SsoAutoCreateDto) => dto.enabled === true)
  @IsString()
  @Matches(/^\S(.*\S)?$/, {
    message: 'campusUnitCode must not be empty or begin or end with spaces',
  })
  @MaxLength(64)
  campusUnitCode?: string;
}
