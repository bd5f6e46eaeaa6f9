import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Ip,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { OrgUnitDto, SsoAutoCreateDto } from './org-unit.dto.js';
import { SsoAutoCreateService } from './sso-auto-create.service.js';

/** 统一身份认证自动建档 (README "Campus sign-in"): Organization Department only. */
@ApiTags('org')
@ApiBearerAuth()
@Controller()
export class SsoAutoCreateController {
  constructor(private readonly service: SsoAutoCreateService) {}

  @Put('org-units/:id/sso-auto-create')
  @ApiOkResponse({
    type: OrgUnitDto,
    description:
      'Turns creating unknown people at campus sign-in on (with the campus unit code) or off',
  })
  set(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SsoAutoCreateDto,
    @Ip() ip: string,
  ): Promise<OrgUnitDto> {
    return this.service.set(user, id, dto, ip);
  }

  @Post('people/:id/sso-confirmation')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: 'The person created by campus sign-in is confirmed; 409 if not awaiting that',
  })
  confirm(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Ip() ip: string,
  ): Promise<void> {
    return this.service.confirm(user, id, ip);
  }
}
