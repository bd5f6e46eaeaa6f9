import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EarlyAnswer } from '@/api/prefetched';
import { listTasks } from '@/api/tasks';
import { localTokenStore } from '@/api/tokens';
import { useAuthStore } from '@/stores/auth';

const early = { id: 'p1', username: 'branch_secretary', name: '李支书', orgUnitId: 'u', roles: [] };
const late = { ...early, id: 'p2', username: 'member', name: '张党员' };

/** The API answering `late` to everything; the URLs it was asked. */
function apiAnswering() {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      calls.push(String(input));
      return Response.json(late);
    }),
  );
  return calls;
}

function prefetched(accessToken: string, answers: Record<string, Promise<EarlyAnswer>>) {
  window.__orglifePrefetch = { accessToken, locale: 'zh-CN', answers };
}

/** What public/prefetch.js keeps of a response: its status and its body read as text. */
function answered(body: unknown, status = 200): Promise<EarlyAnswer> {
  return Promise.resolve({
    status,
    statusText: '',
    contentType: 'application/json',
    text: JSON.stringify(body),
  });
}

describe('answers asked early by public/prefetch.js', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    vi.unstubAllGlobals();
    localTokenStore.set(null);
    delete window.__orglifePrefetch;
  });

  it('are taken once instead of asking the API again', async () => {
    localTokenStore.set({ accessToken: 'a' });
    prefetched('a', { '/api/me': answered(early) });
    const calls = apiAnswering();
    const auth = useAuthStore();
    expect((await auth.loadMe()).name).toBe('李支书');
    expect(calls).toEqual([]);
    expect((await auth.loadMe()).name).toBe('张党员');
    expect(calls).toEqual(['/api/me']);
  });

  it('reach the page before the browser runs another task, so its first paint shows them', async () => {
    localTokenStore.set({ accessToken: 'a' });
    prefetched('a', { '/api/me': answered(early) });
    apiAnswering();
    // as in Chromium, where a response's body, even one already received, resolves a task later
    const read = Response.prototype.text;
    vi.spyOn(Response.prototype, 'text').mockImplementation(function (this: Response) {
      return new Promise((resolve) => setTimeout(() => resolve(read.call(this))));
    });
    let taskRan = false;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (taskRan = true);
    channel.port2.postMessage(null);
    expect((await useAuthStore().loadMe()).name).toBe('李支书');
    expect(taskRan).toBe(false);
    channel.port1.close();
    vi.restoreAllMocks();
  });

  it('match the URL with its query', async () => {
    localTokenStore.set({ accessToken: 'a' });
    const page = { items: [], total: 0, page: 1, pageSize: 20 };
    prefetched('a', {
      '/api/tasks?tab=mine&page=1&pageSize=20': answered(page),
    });
    const calls = apiAnswering();
    await listTasks({ tab: 'claimable', page: 1, pageSize: 20 });
    expect(calls).toEqual(['/api/tasks?tab=claimable&page=1&pageSize=20']);
    expect(await listTasks({ tab: 'mine', page: 1, pageSize: 20 })).toEqual(page);
    expect(calls).toHaveLength(1);
  });

  it('are ignored when they failed or another sign-in replaced their token', async () => {
    localTokenStore.set({ accessToken: 'b' });
    prefetched('a', { '/api/me': answered(early) });
    const calls = apiAnswering();
    expect((await useAuthStore().loadMe()).name).toBe('张党员');
    prefetched('b', { '/api/me': Promise.reject(new TypeError('offline')) });
    expect((await useAuthStore().loadMe()).name).toBe('张党员');
    expect(calls).toEqual(['/api/me', '/api/me']);
  });

  it('an early 401 goes through the refresh and the retry', async () => {
    localTokenStore.set({ accessToken: 'old' });
    prefetched('old', {
      '/api/me': answered({ title: 'Unauthorized' }, 401),
    });
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        calls.push(String(input));
        return String(input).endsWith('/auth/refresh')
          ? Response.json({ accessToken: 'new' })
          : Response.json(late);
      }),
    );
    expect((await useAuthStore().loadMe()).name).toBe('张党员');
    expect(calls).toEqual(['/api/auth/refresh', '/api/me']);
  });
});

describe('the app and public/prefetch.js, whichever starts first', () => {
  afterEach(() => {
    delete window.__orglifePrefetch;
    delete window.__orglifeStarted;
    localStorage.clear();
  });

  it('the script asks for nothing once the app has started, and leftovers are dropped', async () => {
    const { dropPrefetched, markStarted } = await import('@/api/prefetched');
    localStorage.setItem('orglife.tokens', JSON.stringify({ accessToken: 'a' }));
    const fetchSpy = vi.fn(async () => Response.json({}));
    vi.stubGlobal('fetch', fetchSpy);
    const script = readFileSync(join(__dirname, '../../public/prefetch.js'), 'utf8');
    markStarted();
    new Function(script)();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(window.__orglifePrefetch).toBeUndefined();

    delete window.__orglifeStarted;
    new Function(script)();
    expect(fetchSpy).toHaveBeenCalledWith('/api/me', expect.anything());
    expect(window.__orglifePrefetch?.answers['/api/me']).toBeDefined();
    dropPrefetched();
    expect(window.__orglifePrefetch).toBeUndefined();
    vi.unstubAllGlobals();
  });
});
