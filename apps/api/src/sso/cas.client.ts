import { XMLParser } from 'fast-xml-parser';
import { SsoRefusal } from './sso-refusal.js';
import type { CasOptions } from './sso.options.js';

export interface CasIdentity {
  /** `<cas:user>`. */
  user: string;
  /** `<cas:attributes>`, every value as a list (CAS repeats an element for multiple values). */
  attributes: Record<string, string[]>;
}

/**
 * The client side of the CAS protocol 2.0/3.0 (apereo.github.io/cas, "CAS Protocol
 * Specification"): the /login redirect, ticket validation at /serviceValidate (2.0) or
 * /p3/serviceValidate (3.0, with attributes), /logout, and reading the single-logout request
 * the server posts back. No kept Node library covers the protocol (the few packages are tied to
 * Express or Passport and unmaintained), so this is a small one with a real XML parser.
 */
export class CasClient {
  constructor(
    private readonly options: CasOptions,
    private readonly timeoutMs: number,
  ) {}

  loginUrl(service: string): URL {
    return this.endpoint('login', { service });
  }

  logoutUrl(service: string): URL {
    return this.endpoint('logout', { service });
  }

  /** Validates a service ticket for exactly this service URL; tickets are single use. */
  async validate(ticket: string, service: string): Promise<CasIdentity> {
    const path = this.options.version === '3.0' ? 'p3/serviceValidate' : 'serviceValidate';
    let body: string;
    try {
      const response = await fetch(this.endpoint(path, { service, ticket }), {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/xml, text/xml' },
      });
      if (response.status >= 500) {
        throw new SsoRefusal('unavailable', `CAS ${path} answered ${response.status}`);
      }
      body = await response.text();
    } catch (error) {
      if (error instanceof SsoRefusal) throw error;
      throw new SsoRefusal('unavailable', `CAS ${path}: ${(error as Error).message}`);
    }
    return identityIn(body);
  }

  private endpoint(path: string, query: Record<string, string>): URL {
    const url = new URL(`${this.options.serverUrl.href.replace(/\/$/, '')}/${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // 工号 such as 00123 must stay text, not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type XmlNode = string | { '#text'?: string; [child: string]: unknown };

function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String(node['#text']);
  return undefined;
}

/** The identity in a serviceValidate answer, or a refusal naming the CAS failure code. */
export function identityIn(xml: string): CasIdentity {
  let document: { serviceResponse?: Record<string, XmlNode> };
  try {
    document = parser.parse(xml, true) as typeof document;
  } catch (error) {
    throw new SsoRefusal('rejected', `CAS answer is not XML: ${(error as Error).message}`);
  }
  const response = document.serviceResponse;
  const failure = response?.authenticationFailure;
  if (failure !== undefined) {
    const code = typeof failure === 'object' ? String(failure['@code'] ?? '') : '';
    throw new SsoRefusal('rejected', `CAS ${code || 'failure'}: ${text(failure) ?? ''}`.trim());
  }
  const success = response?.authenticationSuccess;
  const user = typeof success === 'object' ? text(success.user) : undefined;
  if (typeof success !== 'object' || !user) {
    throw new SsoRefusal('rejected', 'CAS answer has neither authenticationSuccess nor a failure');
  }
  const attributes: Record<string, string[]> = {};
  const given = success.attributes;
  if (given && typeof given === 'object') {
    for (const [name, value] of Object.entries(given)) {
      if (name.startsWith('@')) continue;
      const values = (Array.isArray(value) ? value : [value]).map(text).filter((v) => v != null);
      attributes[name] = values;
    }
  }
  return { user, attributes };
}

/** The SessionIndex (the service ticket) of a SAML LogoutRequest posted for single logout. */
export function sessionIndexIn(logoutRequest: string): string | undefined {
  try {
    const document = parser.parse(logoutRequest, true) as {
      LogoutRequest?: { SessionIndex?: unknown };
    };
    return text(document.LogoutRequest?.SessionIndex) || undefined;
  } catch {
    return undefined;
  }
}
