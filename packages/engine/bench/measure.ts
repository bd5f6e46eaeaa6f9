/**
 * Timing and heap measurements shared by both engines. Times are taken twice: wall clock, and
 * this process's CPU time (user + system), which stays meaningful on a shared, loaded machine.
 */
import { performance } from 'node:perf_hooks';

type MaybeAsync<T> = T | Promise<T>;

export interface Timing {
  wall: number;
  cpu: number;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (pnpm bench:engine does)');
  gc();
  gc();
}

async function settle<T>(value: MaybeAsync<T>): Promise<T> {
  return value instanceof Promise ? await value : value;
}

/** Starts a stopwatch; `elapsed()` gives wall and CPU milliseconds since. */
function stopwatch(): { elapsed(): Timing } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return {
    elapsed() {
      const used = process.cpuUsage(cpu);
      return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
    },
  };
}

/** Completed runs per second (wall, CPU) over at least `minMs` of CPU time, after `warmup` runs. */
export async function throughput(
  run: (i: number) => MaybeAsync<void>,
  minMs: number,
  warmup: number,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await settle(run(i));
  let count = 0;
  const watch = stopwatch();
  let elapsed = watch.elapsed();
  while (elapsed.cpu < minMs) {
    for (let k = 0; k < 10; k++) await settle(run(warmup + count++));
    elapsed = watch.elapsed();
  }
  return { wall: count / (elapsed.wall / 1000), cpu: count / (elapsed.cpu / 1000) };
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

/** Mean microseconds (wall, CPU) per call of `f` over every item. */
export async function microsecondsEach<T, R>(
  items: readonly T[],
  f: (item: T) => MaybeAsync<R>,
): Promise<{ micros: Timing; results: R[] }> {
  const results: R[] = [];
  const watch = stopwatch();
  for (const item of items) results.push(await settle(f(item)));
  const { wall, cpu } = watch.elapsed();
  return {
    micros: { wall: (wall * 1000) / items.length, cpu: (cpu * 1000) / items.length },
    results,
  };
}
