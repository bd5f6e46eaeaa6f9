import { Injectable } from '@nestjs/common';
import { carryOut } from '@orglife/engine';
import type { CommandContext } from './command-context.js';
import { OrchestrationStores } from './orchestration.store.js';

/**
 * Carries out, in the same transaction and in the order they arose, what the command's steps
 * ask of other instances, through the engine's orchestration kernel (the in-memory runtime
 * runs the same rules); and completes the steps the approver rules skipped.
 */
@Injectable()
export class FollowUpProcessor {
  constructor(private readonly stores: OrchestrationStores) {}

  async drain(ctx: CommandContext): Promise<void> {
    const store = this.stores.open(ctx);
    for (let next = ctx.followUps.shift(); next; next = ctx.followUps.shift()) {
      if (next.kind === 'skipTask') {
        await store.command(next.instanceId, {
          type: 'completeTask',
          taskId: next.taskId,
          variables: next.variables,
        });
      } else {
        await carryOut(store, next);
      }
    }
  }
}
