import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localTokenStore } from '@/api/tokens';
import { useAuthStore } from '@/stores/auth';

const early = { id: 'p1', username: 'branch_secretary', name: '李支书', orgUnitId: 'u', roles: [] };
const late = { ...early, id: 'p2', username: 'member', name: '张党员' };

/** The API's GET /api/me answering `late`; the calls it received. */
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

describe('the signed-in user fetched early by public/prefetch-me.js', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    vi.unstubAllGlobals();
    localTokenStore.set(null);
    delete window.__orglifePrefetchedMe;
  });

  it('is taken once instead of asking the API again', async () => {
    localTokenStore.set({ accessToken: 'a' });
    window.__orglifePrefetchedMe = { accessToken: 'a', me: Promise.resolve(early) };
    const calls = apiAnswering();
    const auth = useAuthStore();
    expect((await auth.loadMe()).name).toBe('李支书');
    expect(calls).toEqual([]);
    expect((await auth.loadMe()).name).toBe('张党员');
    expect(calls).toEqual(['/api/me']);
  });

  it('is ignored when it failed or another sign-in replaced its token', async () => {
    localTokenStore.set({ accessToken: 'b' });
    window.__orglifePrefetchedMe = { accessToken: 'a', me: Promise.resolve(early) };
    const calls = apiAnswering();
    expect((await useAuthStore().loadMe()).name).toBe('张党员');
    window.__orglifePrefetchedMe = { accessToken: 'b', me: Promise.resolve(null) };
    expect((await useAuthStore().loadMe()).name).toBe('张党员');
    expect(calls).toEqual(['/api/me', '/api/me']);
  });
});
