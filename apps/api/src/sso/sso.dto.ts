import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SsoProvidersDto {
  @ApiProperty({ enum: ['oidc', 'cas'], isArray: true, description: 'Empty = local accounts only' })
  providers: ('oidc' | 'cas')[];

  @ApiProperty({ description: 'Only the named local accounts may still sign in with a password' })
  required: boolean;
}

export class SsoProviderParam {
  @IsIn(['oidc', 'cas'])
  provider: 'oidc' | 'cas';
}

export class SsoExchangeDto {
  @ApiProperty({ description: 'The one-time code the callback put in the login page URL' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code: string;
}

/** CAS single logout: the server posts a SAML LogoutRequest to the service URL. */
export class CasLogoutRequestDto {
  @ApiProperty({ description: 'SAML LogoutRequest XML carrying the service ticket' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  logoutRequest: string;
}
