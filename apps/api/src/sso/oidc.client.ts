import * as client from 'openid-client';
import { SsoRefusal } from './sso-refusal.js';
import type { OidcOptions } from './sso.options.js';

/** Tolerated difference between our clock and the identity provider's (README). */
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * OpenID Connect authorization code flow with PKCE through openid-client: discovery (kept once it
 * succeeds), the authorization URL, and the callback, where the library checks the code exchange
 * and the ID token (signature against the provider's keys, issuer, audience, nonce, expiry; the
 * signature check is switched on explicitly in `discover`).
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly options: OidcOptions,
    private readonly redirectUri: string,
    private readonly timeoutMs: number,
  ) {}

  async authorizationUrl(checks: OidcChecks): Promise<URL> {
    const config = await this.config();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.options.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Trades the code in the callback URL for tokens; answers the validated ID token's claims. */
  async signIn(callbackUrl: URL, checks: OidcChecks): Promise<client.IDToken> {
    const config = await this.config();
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the token response has no ID token');
      return claims;
    } catch (error) {
      throw refusalFor(error);
    }
  }

  /** RP-initiated logout at the provider, when it offers an end-session endpoint. */
  async logoutUrl(postLogoutRedirectUri: string): Promise<URL | undefined> {
    const config = await this.config();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, {
      client_id: this.options.clientId,
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
  }

  private config(): Promise<client.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined; // try again on the next sign-in
      throw refusalFor(error);
    });
    return this.configuration;
  }

  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.options;
    return client.discovery(
      issuer,
      clientId,
      { [client.clockTolerance]: CLOCK_TOLERANCE_SECONDS },
      clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
      {
        timeout: this.timeoutMs / 1000,
        execute: [
          // The ID token's signature is checked against the provider's keys (jwks_uri) too:
          // openid-client otherwise trusts a token endpoint answer on TLS alone.
          client.enableNonRepudiationChecks,
          // Only an issuer configured as http:// (a test or a campus-internal provider) gets this.
          ...(issuer.protocol === 'http:' ? [client.allowInsecureRequests] : []),
        ],
      },
    );
  }
}

/** No answer in time, no connection, or a 5xx from the provider → unavailable; else rejected. */
function refusalFor(error: unknown): SsoRefusal {
  if (error instanceof SsoRefusal) return error;
  return new SsoRefusal(unreachable(error) ? 'unavailable' : 'rejected', detailOf(error));
}

/** openid-client's message, with the check that failed beneath it (oauth4webapi's) and its code. */
function detailOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const code = (error as { code?: unknown }).code;
  return `${error.message}${cause}${typeof code === 'string' ? ` (${code})` : ''}`;
}

function unreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 500) return true;
  const cause: unknown = error.cause;
  if (cause instanceof Response) return cause.status >= 500;
  return cause !== error && unreachable(cause);
}
