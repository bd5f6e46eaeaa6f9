import type { Problem } from '../contract.js';

/** Collects every problem found instead of stopping at the first. */
export class Problems {
  readonly list: Problem[] = [];

  add(elementId: string | null, message: string, line?: number): void {
    this.list.push(line === undefined ? { elementId, message } : { elementId, line, message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}
