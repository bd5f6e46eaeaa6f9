import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { Public } from '../../auth/public.decorator.js';
import { SecurityEvents } from '../../security-events/security-events.service.js';
import { CheckInDto, CheckInPassDto, ProxySignInDto, SignInSettingsDto } from './sign-in.dto.js';
import {
  CheckInInfoResponse,
  CheckInPassResponse,
  CheckInResultResponse,
  SignInCodeResponse,
  SignInResponse,
  SignInSettingsResponse,
  SignInSheetResponse,
} from './sign-in.response.js';
import { signInSheetWorkbook } from './sign-in-sheet.xlsx.js';
import { SignInService } from './sign-in.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions/:id')
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly events: SecurityEvents,
  ) {}

  @Put('sign-in-settings')
  @ApiOperation({ summary: 'Set the 签到 window and the optional venue check (branch officers)' })
  @ApiOkResponse({ type: SignInSettingsResponse })
  settings(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SignInSettingsDto,
  ) {
    return this.signIn.updateSettings(user, id, dto);
  }

  @Get('sign-in-code')
  @ApiOperation({ summary: 'The 签到 screen: the current QR code (changes every 20 s)' })
  @ApiOkResponse({ type: SignInCodeResponse })
  code(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.signIn.code(user, id);
  }

  @Get('sign-ins')
  @ApiOperation({ summary: 'The 签到表: members expected and who signed in (到会 x / y)' })
  @ApiOkResponse({ type: SignInSheetResponse })
  sheet(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.signIn.sheet(user, id);
  }

  @Get('sign-in-sheet.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The 签到表 as an .xlsx workbook' })
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const sheet = await this.signIn.sheet(user, id);
    const body = await signInSheetWorkbook(sheet);
    await this.events.record({
      kind: 'data_exported',
      actor: user,
      detail: `签到表 ${sheet.branchName}`,
    });
    return new StreamableFile(body, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="sign-in-${id}.xlsx"`,
    });
  }

  @Post('sign-ins')
  @HttpCode(200)
  @ApiOperation({ summary: '代签: a branch officer signs a member in by hand, with the reason' })
  @ApiOkResponse({ type: CheckInResultResponse })
  proxy(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProxySignInDto,
  ) {
    return this.signIn.proxy(user, id, dto);
  }

  @Post('sign-ins/:personId/confirm-place')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the presence of a member who gave no location' })
  @ApiOkResponse({ type: SignInResponse })
  confirmPlace(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('personId', ParseUUIDPipe) personId: string,
  ) {
    return this.signIn.confirmPlace(user, id, personId);
  }

  @Get('check-in')
  @ApiOperation({ summary: "A member's view before signing in: the session, place check, mine" })
  @ApiOkResponse({ type: CheckInInfoResponse })
  info(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.signIn.info(user, id);
  }

  @Public()
  @Post('check-in/pass')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a fresh QR code for a 5-minute pass, to log in to the app first',
  })
  @ApiOkResponse({ type: CheckInPassResponse })
  pass(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CheckInPassDto) {
    return this.signIn.pass(id, dto.code);
  }

  @Post('check-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in to the session with the scanned code (or pass)' })
  @ApiOkResponse({ type: CheckInResultResponse })
  checkIn(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CheckInDto,
  ) {
    return this.signIn.checkIn(user, id, dto);
  }
}
