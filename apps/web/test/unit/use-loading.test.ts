import { describe, expect, it } from 'vitest';
import { useLoading } from '@/composables/useLoading';

const later = <T>(value: T, fail = false) => {
  let settle!: () => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = () => (fail ? reject(new Error(String(value))) : resolve(value));
  });
  return { promise, settle };
};

describe('useLoading', () => {
  it('is loading while the work runs, and clear after it succeeded', async () => {
    const { loading, error, run } = useLoading();
    const work = later('rows');
    const done = run(() => work.promise);
    expect(loading.value).toBe(true);
    work.settle();
    expect(await done).toBe(true);
    expect(loading.value).toBe(false);
    expect(error.value).toBeNull();
  });

  it('keeps the failure’s message, and clears it when the next run starts', async () => {
    const { loading, error, run } = useLoading();
    expect(await run(() => Promise.reject(new Error('加载失败')))).toBe(false);
    expect(error.value).toBe('加载失败');
    expect(loading.value).toBe(false);
    const retry = later('rows');
    const done = run(() => retry.promise);
    expect(error.value).toBeNull();
    retry.settle();
    await done;
  });

  it('lets only the latest of overlapping runs set the state', async () => {
    const { loading, error, run } = useLoading();
    const slow = later('old', true);
    const fast = later('new');
    const first = run(() => slow.promise);
    const second = run(() => fast.promise);
    fast.settle();
    await second;
    expect(loading.value).toBe(false);
    slow.settle();
    await first;
    // the stale run's failure does not show over the newer data
    expect(error.value).toBeNull();
    expect(loading.value).toBe(false);
  });
});
