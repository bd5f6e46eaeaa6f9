import {
  Controller,
  HttpCode,
  HttpStatus,
  Ip,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { activationCodesWorkbook } from './activation-codes.xlsx.js';
import { PersonAccountService } from './person-account.service.js';
import { ActivationCodeDto } from './person.dto.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Accounts of people: activation codes, deactivation (OD anywhere, a committee in its subtree). */
@ApiTags('org')
@ApiBearerAuth()
@Controller()
export class PersonAccountController {
  constructor(private readonly accounts: PersonAccountService) {}

  @Post('people/:id/activation-code')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reset the person to a new one-time activation code (password and sessions end)',
  })
  @ApiOkResponse({ type: ActivationCodeDto })
  resetToCode(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Ip() ip: string,
  ): Promise<ActivationCodeDto> {
    return this.accounts.resetToCode(user, id, ip);
  }

  @Post('people/:id/deactivate')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deactivated; the person’s tokens stop working at once' })
  deactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Ip() ip: string,
  ): Promise<void> {
    return this.accounts.deactivate(user, id, ip);
  }

  @Post('people/:id/reactivate')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The account can sign in again' })
  reactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Ip() ip: string,
  ): Promise<void> {
    return this.accounts.reactivate(user, id, ip);
  }

  @Post('org-units/:id/activation-codes')
  @HttpCode(HttpStatus.OK)
  @ApiProduces(XLSX)
  @ApiOperation({
    summary:
      'New activation codes for every not-yet-active person of the unit and its subunits, as .xlsx (earlier codes stop working)',
  })
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async codesForUnit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Ip() ip: string,
  ): Promise<StreamableFile> {
    const codes = await this.accounts.codesForUnit(user, id, ip);
    return new StreamableFile(await activationCodesWorkbook(codes), {
      type: XLSX,
      disposition: `attachment; filename="activation-codes.xlsx"; filename*=UTF-8''${encodeURIComponent('激活码.xlsx')}`,
    });
  }
}
