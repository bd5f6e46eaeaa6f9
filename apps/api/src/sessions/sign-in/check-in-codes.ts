import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Expired } from '../../common/errors.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { bilingual } from '../../common/locale.js';
import { fieldError } from '../../task-forms/field-error.js';

/** The QR code changes every 20 s; a code is accepted for three periods (at most a minute). */
export const CODE_PERIOD_MS = 20_000;
const CODE_PERIODS_ACCEPTED = 3;
/** A pass lets a member who scanned a fresh code sign in to the app first, then sign in here. */
export const PASS_LIFETIME_MS = 5 * 60_000;

interface CodeClaims {
  typ: 'checkin';
  sid: string;
  slot: number;
}
interface PassClaims {
  typ: 'checkin-pass';
  sid: string;
  until: number;
}

const expired = () =>
  new Expired(
    bilingual(
      '签到码已过期，请扫描现场屏幕上的最新二维码',
      'the sign-in code has expired: scan the current QR code on the screen',
    ),
  );

/**
 * Signed, short-lived sign-in codes (the QR's content) and passes. Signed as JWTs without `exp`
 * or `sub`, so neither is ever taken for an access token; their age is checked on the app clock.
 */
@Injectable()
export class CheckInCodes {
  constructor(
    private readonly jwt: JwtService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The current code of a session and when the next one replaces it. */
  async issue(sessionId: string): Promise<{ code: string; rotatesAt: Date }> {
    const slot = this.slot();
    const claims: CodeClaims = { typ: 'checkin', sid: sessionId, slot };
    const code = await this.jwt.signAsync(claims, { noTimestamp: true });
    return { code, rotatesAt: new Date((slot + 1) * CODE_PERIOD_MS) };
  }

  /** A pass for a fresh code, valid a few minutes (for signing in to the app first). */
  async pass(sessionId: string, code: string): Promise<{ pass: string; expiresAt: Date }> {
    await this.verifyCode(sessionId, code);
    const until = this.clock.now().getTime() + PASS_LIFETIME_MS;
    const claims: PassClaims = { typ: 'checkin-pass', sid: sessionId, until };
    return {
      pass: await this.jwt.signAsync(claims, { noTimestamp: true }),
      expiresAt: new Date(until),
    };
  }

  /** Throws unless `code` is a fresh code of this session. */
  async verifyCode(sessionId: string, code: string): Promise<void> {
    const claims = await this.claims<CodeClaims>(code, 'checkin', 'code');
    this.assertSession(claims.sid, sessionId, 'code');
    const age = this.slot() - claims.slot;
    if (!Number.isInteger(claims.slot) || age < 0 || age >= CODE_PERIODS_ACCEPTED) throw expired();
  }

  /** Throws unless `pass` is an unexpired pass of this session. */
  async verifyPass(sessionId: string, pass: string): Promise<void> {
    const claims = await this.claims<PassClaims>(pass, 'checkin-pass', 'pass');
    this.assertSession(claims.sid, sessionId, 'pass');
    if (!(claims.until > this.clock.now().getTime())) throw expired();
  }

  private slot(): number {
    return Math.floor(this.clock.now().getTime() / CODE_PERIOD_MS);
  }

  private async claims<T extends { typ: string }>(
    token: string,
    typ: T['typ'],
    field: string,
  ): Promise<T> {
    let claims: T | undefined;
    try {
      claims = await this.jwt.verifyAsync<T>(token, { ignoreExpiration: true });
    } catch {
      claims = undefined;
    }
    if (!claims || claims.typ !== typ) {
      throw fieldError(
        field,
        bilingual(
          '签到码无效，请扫描现场屏幕上的二维码',
          'not a valid sign-in code: scan the QR code on the screen',
        ),
      );
    }
    return claims;
  }

  private assertSession(claimed: string, sessionId: string, field: string): void {
    if (claimed !== sessionId) {
      throw fieldError(
        field,
        bilingual('该签到码不属于本次组织生活', 'this sign-in code belongs to another session'),
      );
    }
  }
}
