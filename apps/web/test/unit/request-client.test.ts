import { describe, expect, it, vi } from 'vitest';
import { createRequestClient } from '@/api/client';
import { ApiError } from '@/api/errors';
import type { SessionTokens, TokenStore } from '@/api/tokens';

function memoryTokens(
  initial: SessionTokens | null,
): TokenStore & { current: SessionTokens | null } {
  const store = {
    current: initial,
    get: () => store.current,
    set: (tokens: SessionTokens | null) => {
      store.current = tokens;
    },
  };
  return store;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function authOf(init: RequestInit | undefined): string | undefined {
  return (init?.headers as Record<string, string> | undefined)?.Authorization;
}

describe('request client', () => {
  it('asks the API for messages in the UI language', async () => {
    let locale = 'zh-CN';
    const fetch = vi.fn(async () => json(200, {}));
    const client = createRequestClient({
      baseUrl: '/api',
      tokens: memoryTokens(null),
      locale: () => locale,
      fetch: fetch as typeof globalThis.fetch,
    });
    await client.get('/me');
    locale = 'en';
    await client.get('/me');
    const sent = fetch.mock.calls.map(
      (call) => ((call as unknown[])[1] as RequestInit).headers as Record<string, string>,
    );
    expect(sent.map((h) => h['Accept-Language'])).toEqual(['zh-CN', 'en']);
  });

  it('refreshes the access token once on 401 and retries the request with the new token', async () => {
    // given an expired access token and a valid refresh token
    const tokens = memoryTokens({ accessToken: 'old' });
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/refresh') return json(200, { accessToken: 'new', expiresIn: 900 });
      return authOf(init) === 'Bearer new'
        ? json(200, { ok: true })
        : json(401, { title: 'Unauthorized' });
    });
    const client = createRequestClient({
      baseUrl: '/api',
      tokens,
      fetch: fetch as typeof globalThis.fetch,
    });

    // when a request fails with 401
    const result = await client.get<{ ok: boolean }>('/me');

    // then the client refreshed (the cookie carries the refresh token), stored the new access token and retried once
    expect(result).toEqual({ ok: true });
    expect(tokens.current).toEqual({ accessToken: 'new' });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      '/api/me',
      '/api/auth/refresh',
      '/api/me',
    ]);
    const refreshCall = fetch.mock.calls[1]?.[1];
    expect(refreshCall?.body).toBeUndefined();
  });

  it('shares one refresh between concurrent requests that all got 401', async () => {
    const tokens = memoryTokens({ accessToken: 'old' });
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/refresh') return json(200, { accessToken: 'new', expiresIn: 900 });
      return authOf(init) === 'Bearer new' ? json(200, url) : json(401, {});
    });
    const client = createRequestClient({
      baseUrl: '/api',
      tokens,
      fetch: fetch as typeof globalThis.fetch,
    });

    const results = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')]);

    expect(results).toEqual(['/api/a', '/api/b', '/api/c']);
    expect(fetch.mock.calls.filter(([url]) => url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh token is rejected, without retrying again', async () => {
    const tokens = memoryTokens({ accessToken: 'old' });
    const onSessionExpired = vi.fn();
    const fetch = vi.fn(async () => json(401, { title: 'Unauthorized', status: 401 }));
    const client = createRequestClient({
      baseUrl: '/api',
      tokens,
      fetch: fetch as typeof globalThis.fetch,
      onSessionExpired,
    });

    await expect(client.get('/me')).rejects.toMatchObject({ status: 401 });
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(tokens.current).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(2); // the request and one refresh attempt
  });

  it('turns problem JSON into an ApiError with field errors and reports it unless silent', async () => {
    const tokens = memoryTokens({ accessToken: 'a' });
    const onError = vi.fn();
    const problem = {
      type: 'urn:orglife:problem:validation',
      title: 'Bad Request',
      status: 400,
      detail: 'topic: 请填写主题',
      errors: [
        { field: 'topic', message: '请填写主题' },
        { field: 'segments.1.ownerId', message: '负责人须为本支部党员' },
      ],
    };
    const fetch = vi.fn(async () => json(400, problem));
    const client = createRequestClient({
      baseUrl: '/api',
      tokens,
      fetch: fetch as typeof globalThis.fetch,
      onError,
    });

    const error = await client.post('/plans', {}).catch((e: unknown) => e);
    await client.post('/plans', {}, { silent: true }).catch(() => undefined);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldMap()).toEqual({
      topic: '请填写主题',
      'segments.1.ownerId': '负责人须为本支部党员',
    });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('sends no token on anonymous calls and never refreshes them', async () => {
    const tokens = memoryTokens({ accessToken: 'a' });
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) =>
      json(401, { title: 'Unauthorized' }),
    );
    const client = createRequestClient({
      baseUrl: '/api',
      tokens,
      fetch: fetch as typeof globalThis.fetch,
    });

    await expect(
      client.post('/auth/login', { username: 'x' }, { anonymous: true }),
    ).rejects.toBeInstanceOf(ApiError);

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(authOf(fetch.mock.calls[0]?.[1])).toBeUndefined();
  });
});
