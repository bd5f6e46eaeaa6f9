import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Domain work when an instance is cancelled or terminated, in the step's transaction. */
export type TerminatedHook = (em: EntityManager, instanceId: string, at: Date) => Promise<void>;

/**
 * Domain modules register what a terminated flow leaves behind (a plan, a draw, its items), so
 * no record stays "pending" behind a flow that will never move it on.
 */
@Injectable()
export class InstanceEndHooks {
  private readonly hooks: TerminatedHook[] = [];

  onTerminated(hook: TerminatedHook): void {
    this.hooks.push(hook);
  }

  async terminated(em: EntityManager, instanceId: string, at: Date): Promise<void> {
    for (const hook of this.hooks) await hook(em, instanceId, at);
  }
}
