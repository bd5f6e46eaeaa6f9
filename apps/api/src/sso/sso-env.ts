import type { CasOptions, OidcOptions, SsoOptions } from './sso.options.js';

/**
 * SSO_* variables (README "Campus sign-in"); undefined when neither OIDC nor CAS is configured.
 * Throws naming the variable when a value is malformed or a required companion is missing.
 */
export function readSsoEnv(env: NodeJS.ProcessEnv): SsoOptions | undefined {
  const oidc = oidcEnv(env);
  const cas = casEnv(env);
  if (!oidc && !cas) {
    if (env.SSO_REQUIRED === 'true') {
      throw new Error('SSO_REQUIRED=true needs SSO_OIDC_ISSUER or SSO_CAS_URL to be set');
    }
    return undefined;
  }
  const required = env.SSO_REQUIRED ?? 'false';
  if (required !== 'true' && required !== 'false') {
    throw new Error(`SSO_REQUIRED must be "true" or "false", got "${required}"`);
  }
  const timeoutMs = Number(env.SSO_TIMEOUT_MS ?? 5000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) {
    throw new Error(
      `SSO_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000, got "${env.SSO_TIMEOUT_MS}"`,
    );
  }
  return {
    publicUrl: httpUrl(env, 'SSO_PUBLIC_URL', true),
    oidc,
    cas,
    timeoutMs,
    required: required === 'true',
    localAccounts: (env.SSO_LOCAL_ACCOUNTS ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  };
}

function oidcEnv(env: NodeJS.ProcessEnv): OidcOptions | undefined {
  if (!env.SSO_OIDC_ISSUER) return undefined;
  const clientId = env.SSO_OIDC_CLIENT_ID;
  if (!clientId) throw new Error('SSO_OIDC_CLIENT_ID must be set when SSO_OIDC_ISSUER is');
  const scopes = new Set((env.SSO_OIDC_SCOPES ?? 'openid profile').split(/\s+/).filter(Boolean));
  scopes.add('openid');
  return {
    issuer: httpUrl(env, 'SSO_OIDC_ISSUER', false),
    clientId,
    clientSecret: env.SSO_OIDC_CLIENT_SECRET || undefined,
    scopes: [...scopes].join(' '),
    employeeNoClaim: env.SSO_OIDC_EMPLOYEE_NO_CLAIM || 'sub',
    unitClaim: env.SSO_OIDC_UNIT_CLAIM || undefined,
    nameClaim: env.SSO_OIDC_NAME_CLAIM || 'name',
  };
}

function casEnv(env: NodeJS.ProcessEnv): CasOptions | undefined {
  if (!env.SSO_CAS_URL) return undefined;
  const version = env.SSO_CAS_VERSION ?? '3.0';
  if (version !== '2.0' && version !== '3.0') {
    throw new Error(`SSO_CAS_VERSION must be "2.0" or "3.0", got "${version}"`);
  }
  return {
    serverUrl: httpUrl(env, 'SSO_CAS_URL', true),
    version,
    employeeNoAttribute: env.SSO_CAS_EMPLOYEE_NO_ATTRIBUTE || undefined,
    unitAttribute: env.SSO_CAS_UNIT_ATTRIBUTE || undefined,
    nameAttribute: env.SSO_CAS_NAME_ATTRIBUTE || 'cn',
  };
}

/** An http(s) URL from the variable; `base` ones lose a trailing slash so paths append cleanly. */
function httpUrl(env: NodeJS.ProcessEnv, name: string, base: boolean): URL {
  const raw = env[name];
  if (!raw) throw new Error(`${name} must be set when SSO is configured`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (base) url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
