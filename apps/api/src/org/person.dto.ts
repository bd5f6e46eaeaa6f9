import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { type RoleName } from '../access/role-name.js';
import type { Gender, MemberType } from './person.entity.js';
import { MAX_PAGE } from '../common/paging.js';

const GENDERS: Gender[] = ['male', 'female'];
const MEMBER_TYPES: MemberType[] = ['full', 'probationary'];

export const ACCOUNT_STATUSES = ['none', 'pending', 'active', 'deactivated'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'T2026001', description: '工号/学号' })
  employeeNo: string;

  @ApiProperty({ example: '陈晓东' })
  name: string;

  gender: Gender | null;

  phone: string | null;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  orgUnitName: string;

  memberType: MemberType | null;

  @ApiProperty({ format: 'date', type: String })
  joinedPartyOn: string | null;

  @ApiProperty({ type: String, description: 'Login name; null = no account' })
  username: string | null;

  @ApiProperty({
    enum: ACCOUNT_STATUSES,
    description:
      'none: no account; pending: not yet activated (needs an activation code); active; deactivated',
  })
  accountStatus: AccountStatus;

  @ApiProperty({
    description:
      'Created by campus sign-in (统一身份认证自动建档) and not yet confirmed by the Organization Department',
  })
  ssoCreated: boolean;
}

export class PersonRoleDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  role: RoleName;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  orgUnitName: string;
}

export class PersonDetailDto extends PersonDto {
  roles: PersonRoleDto[];
}

export class PersonPageDto {
  items: PersonDto[];

  total: number;

  page: number;

  pageSize: number;
}

export class PeopleQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only people in this unit’s subtree' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ description: 'Matches name, 工号 or username' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 20;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'T2026101' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'employeeNo must be 1-32 letters, digits, - or _' })
  employeeNo: string;

  @ApiProperty({ example: '马晓峰' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ example: '13800000000' })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,32}$/, { message: 'phone must be 5-32 digits, spaces, + or -' })
  phone?: string;

  @ApiProperty({ format: 'uuid', description: 'Home branch or group (组织关系所在)' })
  @IsUUID()
  orgUnitId: string;

  @ApiPropertyOptional({
    enum: MEMBER_TYPES,
    description: 'Set for party members: adds the member role on the home unit',
  })
  @IsOptional()
  @IsIn(MEMBER_TYPES)
  memberType?: MemberType;

  @ApiPropertyOptional({
    format: 'date',
    example: '2020-07-01',
    description: '入党日期, not after today',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  joinedPartyOn?: string;

  @ApiPropertyOptional({ example: 'maxf' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 letters, digits, _ . or -' })
  username?: string;

  @ApiPropertyOptional({
    description:
      'Initial password (needs username): at least 10 characters, not a common password, not containing the username',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;
}

export class ActivationCodeDto {
  @ApiProperty({ description: 'The login name the code goes with' })
  username: string;

  @ApiProperty({ example: 'ABCDE-FGHJK', description: 'One-time code; shown only this once' })
  code: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: Date;
}

/** 组织关系调转: the person moves to another branch or group on a day (the ledger splits there). */
export class TransferPersonDto {
  @ApiProperty({ format: 'uuid', description: 'The branch or group they move to' })
  @IsUUID()
  orgUnitId: string;

  @ApiProperty({ format: 'date', example: '2026-03-16', description: '调转日期: not after today' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'transferredOn must be a date YYYY-MM-DD' })
  transferredOn: string;
}
