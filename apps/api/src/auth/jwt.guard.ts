import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bilingual } from '../common/locale.js';
import type { AccessTokenClaims } from './auth-user.js';
import type { AuthenticatedRequest } from './current-user.decorator.js';
import { EndedSessions } from './ended-sessions.js';
import { PersonRoles } from './person-roles.js';
import { IS_PUBLIC } from './public.decorator.js';
import { TokenService } from './token.service.js';

/** Global guard: every route needs a valid access token unless marked `@Public()`. */
@Injectable()
export class JwtGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly personRoles: PersonRoles,
    private readonly endedSessions: EndedSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = this.bearerToken(request);
    let claims: AccessTokenClaims;
    try {
      claims = await this.tokens.verifyAccessToken(token);
    } catch {
      throw new UnauthorizedException('The access token is invalid or has expired.');
    }
    if (claims.sid && (await this.endedSessions.isEnded(claims.sid))) {
      throw new UnauthorizedException(
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
      throw new UnauthorizedException(
        'The account is deactivated or no longer exists. 账号已停用。',
      );
    }
    request.user = {
      personId: claims.sub,
      username: claims.username,
      roles,
      sessionId: claims.sid,
    };
    return true;
  }

  private bearerToken(request: AuthenticatedRequest): string {
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new UnauthorizedException('An access token is required (Authorization: Bearer …).');
    }
    return token;
  }
}
