/** How long job work may hold the event loop before waiting requests get their turn. */
const SLICE_MS = 1;

/**
 * Shares the event loop between job workers and requests. Workers call `turn()` between jobs:
 * within the current slice it returns at once; past it the worker queues, and each turn of
 * the event loop (after its I/O, so after requests' reads and writes) resumes one queued worker
 * for a new slice. However many workers run side by side, a request waits at most about one
 * slice per step, where workers that each yielded on their own would each take a slice in
 * every turn of the loop.
 */
export class EventLoopShare {
  private sliceStart = performance.now();
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  turn(): Promise<void> | undefined {
    if (performance.now() - this.sliceStart < SLICE_MS) return undefined;
    return new Promise((resume) => {
      this.waiting.push(resume);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.nextSlice);
  }

  private readonly nextSlice = () => {
    this.scheduled = false;
    this.sliceStart = performance.now();
    this.waiting.shift()?.();
    if (this.waiting.length > 0) this.schedule();
  };
}
