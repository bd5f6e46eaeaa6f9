/** The campus identity services OrgLife signs people in through (README "Campus sign-in"). */
export type SsoProviderId = 'oidc' | 'cas';

export interface OidcOptions {
  /** Issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: URL;
  clientId: string;
  /** Unset = a public client (PKCE only). */
  clientSecret?: string;
  /** Space-separated, always including `openid`. */
  scopes: string;
  /** The ID token claim that carries the person's 工号. */
  employeeNoClaim: string;
  /** The claim naming the person's campus unit, for auto-creation; unset = no auto-creation. */
  unitClaim?: string;
  /** The claim carrying the person's name, for auto-creation. */
  nameClaim: string;
}

export type CasVersion = '2.0' | '3.0';

export interface CasOptions {
  /** The CAS server's base URL, e.g. https://cas.example.edu.cn/cas (no trailing slash). */
  serverUrl: URL;
  /** 3.0 validates at /p3/serviceValidate, 2.0 at /serviceValidate. */
  version: CasVersion;
  /** The attribute carrying the 工号; unset = the CAS user name itself. */
  employeeNoAttribute?: string;
  /** The attribute naming the person's campus unit, for auto-creation; unset = none. */
  unitAttribute?: string;
  /** The attribute carrying the person's name, for auto-creation. */
  nameAttribute: string;
}

export interface SsoOptions {
  /** OrgLife's address as the browser sees it; callback URLs are built on it. */
  publicUrl: URL;
  oidc?: OidcOptions;
  cas?: CasOptions;
  /** How long to wait for the identity service before showing the "unavailable" page. */
  timeoutMs: number;
  /** Only SSO signs people in, except the local accounts named below. */
  required: boolean;
  /** Usernames that may still sign in with a password when SSO is required. */
  localAccounts: string[];
}
