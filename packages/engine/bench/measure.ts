/** Timing and heap measurements shared by both engines. */
import { performance } from 'node:perf_hooks';

type MaybeAsync<T> = T | Promise<T>;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (pnpm bench:engine does)');
  gc();
  gc();
}

async function settle<T>(value: MaybeAsync<T>): Promise<T> {
  return value instanceof Promise ? await value : value;
}

/** Completed runs per second over at least `minMs`, after `warmup` runs. */
export async function throughput(
  run: (i: number) => MaybeAsync<void>,
  minMs: number,
  warmup: number,
): Promise<number> {
  for (let i = 0; i < warmup; i++) await settle(run(i));
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let k = 0; k < 10; k++) await settle(run(warmup + count++));
    elapsed = performance.now() - started;
  }
  return count / (elapsed / 1000);
}

/** Heap bytes held per item while `count` items made by `make` are alive. */
export async function heapPerItem<T>(
  make: (i: number) => MaybeAsync<T>,
  count: number,
): Promise<{ bytes: number; items: T[] }> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const items: T[] = [];
  for (let i = 0; i < count; i++) items.push(await settle(make(i)));
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  return { bytes: (after - before) / count, items };
}

/** Mean microseconds per call of `f` over every item. */
export async function microsecondsEach<T, R>(
  items: readonly T[],
  f: (item: T) => MaybeAsync<R>,
): Promise<{ micros: number; results: R[] }> {
  const results: R[] = [];
  const started = performance.now();
  for (const item of items) results.push(await settle(f(item)));
  return { micros: ((performance.now() - started) * 1000) / items.length, results };
}
