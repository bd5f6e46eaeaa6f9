import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ROLE_NAMES, type RoleName } from '../access/role-name.js';

export class RoleAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  personName: string;

  role: RoleName;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  orgUnitName: string;
}

export class RoleAssignmentQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Assignments on this unit’s subtree' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  personId?: string;
}

export class CreateRoleAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId: string;

  @IsIn(ROLE_NAMES)
  role: RoleName;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgUnitId: string;
}
