import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from './auth-user.js';
import { AccessTokenDto, ActivateDto, ChangePasswordDto, LoginDto, MeDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { Public } from './public.decorator.js';
import { clearRefreshCookie, refreshCookieOf, setRefreshCookie } from './refresh-cookie.js';
import { setStreamTicketCookie, STREAM_TICKET_SECONDS } from './stream-ticket.js';
import { type TokenPair, TokenService } from './token.service.js';
import { UnauthorizedException } from '@nestjs/common';

/**
 * Sign-in: the access token comes in the body (kept by the page), the refresh token only as an
 * httpOnly, SameSite=Strict cookie limited to /api/auth (README "Sessions").
 */
@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AccessTokenDto, description: 'Also sets the refresh-token cookie' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password' })
  @ApiForbiddenResponse({
    description: 'SSO_REQUIRED is on and this account is not one of SSO_LOCAL_ACCOUNTS',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins for this username or address',
  })
  async login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenDto> {
    return this.started(request, reply, await this.auth.login(dto.username, dto.password, ip));
  }

  @Public()
  @Post('auth/activate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AccessTokenDto, description: 'Activated and signed in' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or code, or the code has expired' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this username' })
  async activate(
    @Body() dto: ActivateDto,
    @Ip() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenDto> {
    const pair = await this.auth.activate(dto.username, dto.code, dto.newPassword, ip);
    return this.started(request, reply, pair);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AccessTokenDto, description: 'Sends the next refresh-token cookie' })
  @ApiUnauthorizedResponse({ description: 'No, an unknown, revoked or expired refresh token' })
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenDto> {
    const refreshToken = refreshCookieOf(request);
    if (!refreshToken) {
      throw new UnauthorizedException('No refresh token: sign in again. 请重新登录。');
    }
    return this.started(request, reply, await this.auth.refresh(refreshToken));
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The cookie’s refresh-token family is revoked' })
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const refreshToken = refreshCookieOf(request);
    if (refreshToken) await this.auth.logout(refreshToken);
    clearRefreshCookie(reply);
  }

  @ApiBearerAuth()
  @Post('auth/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBody({ type: ChangePasswordDto })
  @ApiNoContentResponse({
    description: 'Password changed; every other session of the person ended',
  })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    return this.auth.changePassword(user, dto.oldPassword, dto.newPassword, ip);
  }

  @ApiBearerAuth()
  @Post('auth/stream-ticket')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: `Sets the stream-ticket cookie (httpOnly, ${STREAM_TICKET_SECONDS} s, sent to /api/notifications/stream only) that opens the event stream from a browser's EventSource, which cannot send the access token`,
  })
  async streamTicket(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    setStreamTicketCookie(request, reply, await this.tokens.issueStreamTicket(user));
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user);
  }

  private started(request: FastifyRequest, reply: FastifyReply, pair: TokenPair): AccessTokenDto {
    setRefreshCookie(request, reply, pair.refreshToken, this.tokens.refreshTtlSeconds);
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn };
  }
}
