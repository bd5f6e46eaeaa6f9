import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { type RoleName } from '../access/role-name.js';

export class LoginDto {
  @ApiProperty({ example: 'branch_secretary' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class ActivateDto {
  @ApiProperty({ example: 'T2026101' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'ABCDE-FGHJK', description: 'The one-time activation code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  code: string;

  @ApiProperty({
    description: 'At least 10 characters, not a common password, not containing the username',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword: string;
}

export class ChangePasswordDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  oldPassword: string;

  @ApiProperty({
    description: 'At least 10 characters, not a common password, not containing the username',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  newPassword: string;
}

/** The refresh token is not here: it comes as an httpOnly cookie. */
export class AccessTokenDto {
  accessToken: string;

  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 })
  expiresIn: number;
}

export class MyRoleDto {
  role: RoleName;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  orgUnitName: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  username: string;

  name: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  roles: MyRoleDto[];
}
