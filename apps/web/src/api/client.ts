import { ApiError, NetworkError } from './errors';
import type { SessionTokens, TokenStore } from './tokens';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | QueryValue[]>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** A JSON body, or FormData for multipart. */
  body?: unknown;
  /** No bearer token and no refresh (login, refresh). */
  anonymous?: boolean;
  /** The caller shows the error itself (forms with field errors): no toast. */
  silent?: boolean;
  responseType?: 'json' | 'blob' | 'text';
  signal?: AbortSignal;
}

export interface ClientConfig {
  baseUrl: string;
  tokens: TokenStore;
  fetch?: typeof fetch;
  /** Called once when the refresh token is rejected: the session is over. */
  onSessionExpired?: () => void;
  /** The UI language, sent as Accept-Language so the API's messages match it. */
  locale?: () => string;
  /** Called for every failed request unless `silent`. */
  onError?: (error: ApiError | NetworkError) => void;
}

export interface RequestClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: Query, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  del<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A token refresh shared by concurrent callers; resolves false when the session is over. */
  refresh(): Promise<boolean>;
  url(path: string, query?: Query): string;
}

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values)
      if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

async function readBody(
  response: Response,
  type: RequestOptions['responseType'],
): Promise<unknown> {
  if (response.status === 204) return undefined;
  if (type === 'blob') return response.blob();
  const text = await response.text();
  if (type === 'text') return text;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One client for every endpoint: base URL, bearer token, a single refresh-and-retry on 401,
 * problem JSON turned into ApiError, toasts through `onError`.
 */
export function createRequestClient(config: ClientConfig): RequestClient {
  const doFetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let refreshing: Promise<boolean> | null = null;

  async function send(path: string, options: RequestOptions, token: string | undefined) {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const locale = config.locale?.();
    if (locale) headers['Accept-Language'] = locale;
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await doFetch(buildUrl(config.baseUrl, path, options.query), {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
      });
    } catch (cause) {
      throw new NetworkError(cause);
    }
  }

  async function refreshOnce(): Promise<boolean> {
    if (!config.tokens.get()) return false;
    // The refresh token travels as its httpOnly cookie, not in the body.
    const response = await send('/auth/refresh', { method: 'POST' }, undefined).catch(() => null);
    if (!response?.ok) {
      config.tokens.set(null);
      config.onSessionExpired?.();
      return false;
    }
    const next = (await response.json()) as SessionTokens;
    config.tokens.set({ accessToken: next.accessToken });
    return true;
  }

  function refresh(): Promise<boolean> {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    try {
      const token = options.anonymous ? undefined : config.tokens.get()?.accessToken;
      let response = await send(path, options, token);
      if (response.status === 401 && !options.anonymous && token) {
        const renewed = await refresh();
        if (renewed) response = await send(path, options, config.tokens.get()?.accessToken);
      }
      const body = await readBody(response, response.ok ? options.responseType : 'json');
      if (!response.ok) throw new ApiError(response.status, body);
      return body as T;
    } catch (error) {
      if (!options.silent && (error instanceof ApiError || error instanceof NetworkError)) {
        config.onError?.(error);
      }
      throw error;
    }
  }

  return {
    request,
    refresh,
    get: (path, query, options) => request(path, { ...options, method: 'GET', query }),
    post: (path, body, options) => request(path, { ...options, method: 'POST', body }),
    put: (path, body, options) => request(path, { ...options, method: 'PUT', body }),
    del: (path, options) => request(path, { ...options, method: 'DELETE' }),
    url: (path, query) => buildUrl(config.baseUrl, path, query),
  };
}
