import { Injectable } from '@nestjs/common';
import { carryOut } from '@orglife/engine';
import { DefinitionRepository } from '../definitions/definition.repository.js';
import type { CommandContext } from './command-context.js';
import { InstanceCommandRunner } from './instance-command.runner.js';
import { DatabaseOrchestrationStore } from './orchestration.store.js';

/**
 * Carries out, in the same transaction and in the order they arose, what the command's steps
 * ask of other instances, through the engine's orchestration kernel (the in-memory runtime
 * runs the same rules); and completes the steps the approver rules skipped.
 */
@Injectable()
export class FollowUpProcessor {
  constructor(
    private readonly runner: InstanceCommandRunner,
    private readonly definitions: DefinitionRepository,
  ) {}

  async drain(ctx: CommandContext): Promise<void> {
    const store = new DatabaseOrchestrationStore(ctx, this.runner, this.definitions);
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
