import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Ip,
  NotFoundException,
  Param,
  Post,
  Redirect,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenDto } from '../auth/auth.dto.js';
import { Public } from '../auth/public.decorator.js';
import { setRefreshCookie } from '../auth/refresh-cookie.js';
import { TokenService } from '../auth/token.service.js';
import {
  CasLogoutRequestDto,
  SsoExchangeDto,
  SsoProviderParam,
  SsoProvidersDto,
} from './sso.dto.js';
import { SsoRefusal } from './sso-refusal.js';
import { SsoService } from './sso.service.js';
import type { SsoProviderId } from './sso.options.js';

interface RedirectTo {
  url: string;
}

/**
 * Campus sign-in routes (README "Campus sign-in"). The browser is sent here and back by redirects;
 * every outcome ends on the web app's login page, with a one-time code or the reason it failed.
 */
@ApiTags('auth')
@Public()
@Controller('auth/sso')
export class SsoController {
  constructor(
    private readonly sso: SsoService,
    private readonly tokens: TokenService,
  ) {}

  @Get()
  @ApiOkResponse({ type: SsoProvidersDto })
  providers(): SsoProvidersDto {
    return this.sso.providers();
  }

  @Get(':provider/login')
  @Redirect()
  @ApiFoundResponse({ description: "To the identity service's login page" })
  @ApiNotFoundResponse({ description: 'That provider is not configured' })
  login(
    @Param() { provider }: SsoProviderParam,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedirectTo> {
    this.assertEnabled(provider);
    return this.toLoginPage(async () => {
      const { url, state } = await this.sso.begin(provider);
      // Lax: the identity service sends the browser back with a top-level cross-site GET.
      void reply.setCookie(STATE_COOKIE, state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/api/auth/sso',
        maxAge: 600,
      });
      return { url: url.href };
    });
  }

  @Get('oidc/callback')
  @Redirect()
  @ApiFoundResponse({ description: 'To the login page with a one-time code or ?ssoError=' })
  oidcCallback(@Req() req: FastifyRequest, @Ip() ip: string): Promise<RedirectTo> {
    this.assertEnabled('oidc');
    return this.toLoginPage(async () => {
      const code = await this.sso.completeOidc(queryOf(req), stateCookieOf(req), ip);
      return { url: this.sso.pageUrl('/login', { sso: code }) };
    });
  }

  @Get('cas/callback')
  @Redirect()
  @ApiFoundResponse({ description: 'To the login page with a one-time code or ?ssoError=' })
  casCallback(@Req() req: FastifyRequest, @Ip() ip: string): Promise<RedirectTo> {
    this.assertEnabled('cas');
    const query = queryOf(req);
    return this.toLoginPage(async () => {
      const state = query.get('state') ?? '';
      const ticket = query.get('ticket') ?? '';
      const code = await this.sso.completeCas(state, ticket, stateCookieOf(req), ip);
      return { url: this.sso.pageUrl('/login', { sso: code }) };
    });
  }

  /** CAS single logout (the server's back-channel POST to the service URL). */
  @Post('cas/callback')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Sessions started by that ticket, if any, are ended' })
  async casSingleLogout(@Body() dto: CasLogoutRequestDto): Promise<void> {
    this.assertEnabled('cas');
    await this.sso.singleLogout(dto.logoutRequest);
  }

  @Post('exchange')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: AccessTokenDto,
    description: 'As a local login: the access token, and the refresh-token cookie',
  })
  @ApiUnauthorizedResponse({ description: 'Unknown, used or expired code' })
  async exchange(
    @Body() dto: SsoExchangeDto,
    @Ip() ip: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenDto> {
    const pair = await this.sso.exchange(dto.code, ip);
    setRefreshCookie(request, reply, pair.refreshToken, this.tokens.refreshTtlSeconds);
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn };
  }

  @Get(':provider/logout')
  @Redirect()
  @ApiFoundResponse({ description: "To the identity service's logout, then back to login" })
  @ApiNotFoundResponse({ description: 'That provider is not configured' })
  logout(@Param() { provider }: SsoProviderParam): Promise<RedirectTo> {
    this.assertEnabled(provider);
    return this.toLoginPage(async () => ({ url: (await this.sso.logoutUrl(provider)).href }));
  }

  private assertEnabled(provider: SsoProviderId): void {
    if (!this.sso.isEnabled(provider)) {
      throw new NotFoundException(
        `Sign-in through ${provider} is not configured. 未配置统一身份认证。`,
      );
    }
  }

  /** A refusal is a page, not an error: the login page explains it and offers the password form. */
  private async toLoginPage(work: () => Promise<RedirectTo>): Promise<RedirectTo> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof SsoRefusal)) throw error;
      return { url: this.sso.pageUrl('/login', { ssoError: error.reason }) };
    }
  }
}

/** The state of the sign-in this browser began (see `login`). */
const STATE_COOKIE = 'orglife_sso_state';

function stateCookieOf(req: FastifyRequest): string {
  return req.cookies[STATE_COOKIE] ?? '';
}

function queryOf(req: FastifyRequest): URLSearchParams {
  const at = req.url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1));
}
