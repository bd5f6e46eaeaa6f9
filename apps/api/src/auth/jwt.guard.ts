import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { NotAuthenticated } from '../common/errors.js';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { bilingual } from '../common/locale.js';
import type { AccessTokenClaims } from './auth-user.js';
import type { AuthenticatedRequest } from './current-user.decorator.js';
import { EndedSessions } from './ended-sessions.js';
import { PersonRoles } from './person-roles.js';
import { IS_PUBLIC } from './public.decorator.js';
import { ALLOWS_SCRAPE_TOKEN } from './scrape-token.decorator.js';
import { ALLOWS_STREAM_TICKET, streamTicketOf } from './stream-ticket.js';
import { TokenService } from './token.service.js';

/** Global guard: every route needs a valid access token unless marked `@Public()`. */
@Injectable()
export class JwtGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly personRoles: PersonRoles,
    private readonly endedSessions: EndedSessions,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = await this.claimsOf(context, request);
    if (!claims) return true;
    if (claims.sid && (await this.endedSessions.isEnded(claims.sid))) {
      throw new NotAuthenticated(
        bilingual(
          '登录会话已结束（已退出、密码已修改或统一身份认证已注销），请重新登录。',
          'The sign-in session has ended (signed out, password changed or ended at the campus identity service); sign in again.',
        ),
      );
    }
    // Roles come from the database, not the token, so a revoked role stops working within
    // ROLES_FRESH_MS even though the token lives on.
    const roles = await this.personRoles.ofActive(claims.sub);
    if (!roles) {
      throw new NotAuthenticated('The account is deactivated or no longer exists. 账号已停用。');
    }
    request.user = {
      personId: claims.sub,
      username: claims.username,
      roles,
      sessionId: claims.sid,
    };
    return true;
  }

  /**
   * Who the access token names; on an event stream without an Authorization header, who the
   * stream-ticket cookie names (stream-ticket.ts); null for the monitoring system's token.
   */
  private async claimsOf(
    context: ExecutionContext,
    request: AuthenticatedRequest,
  ): Promise<AccessTokenClaims | null> {
    const ticket = streamTicketOf(request);
    if (!request.headers.authorization && ticket && this.allows(context, ALLOWS_STREAM_TICKET)) {
      try {
        return await this.tokens.verifyStreamTicket(ticket);
      } catch {
        throw new NotAuthenticated(
          bilingual('连接凭证无效或已过期', 'The stream ticket is invalid or has expired.'),
        );
      }
    }
    const token = this.bearerToken(request);
    if (this.isScrapeToken(context, token)) return null;
    try {
      return await this.tokens.verifyAccessToken(token);
    } catch {
      throw new NotAuthenticated('The access token is invalid or has expired.');
    }
  }

  private allows(context: ExecutionContext, key: string): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) ===
      true
    );
  }

  /** The monitoring system's token, on a route that takes it (compared in constant time). */
  private isScrapeToken(context: ExecutionContext, token: string): boolean {
    const expected = this.options.metricsToken;
    if (!expected) return false;
    const digest = (value: string) => createHash('sha256').update(value).digest();
    return (
      this.allows(context, ALLOWS_SCRAPE_TOKEN) && timingSafeEqual(digest(token), digest(expected))
    );
  }

  private bearerToken(request: AuthenticatedRequest): string {
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new NotAuthenticated('An access token is required (Authorization: Bearer …).');
    }
    return token;
  }
}
