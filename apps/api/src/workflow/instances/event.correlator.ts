import { Injectable } from '@nestjs/common';
import { carryOut, type Delivery, type Variables } from '@orglife/engine';
import { DefinitionRepository } from '../definitions/definition.repository.js';
import type { CommandContext } from './command-context.js';
import { InstanceCommandRunner } from './instance-command.runner.js';
import { DatabaseOrchestrationStore } from './orchestration.store.js';

export interface MessageInput {
  name: string;
  correlationKey: string | null;
  variables: Variables;
  /** For instances a message start event creates. */
  orgUnitId?: string | null;
}

export interface SignalInput {
  name: string;
  variables: Variables;
  orgUnitId?: string | null;
}

export type CorrelationResult = Delivery;

/**
 * Publishes a message or broadcasts a signal from outside any instance (the API's event
 * routes), routed by the engine's orchestration kernel (see its correlation rules).
 */
@Injectable()
export class EventCorrelator {
  constructor(
    private readonly runner: InstanceCommandRunner,
    private readonly definitions: DefinitionRepository,
  ) {}

  correlateMessage(ctx: CommandContext, input: MessageInput): Promise<CorrelationResult> {
    const store = new DatabaseOrchestrationStore(ctx, this.runner, this.definitions, {
      orgUnitId: input.orgUnitId ?? null,
    });
    return carryOut(store, {
      kind: 'message',
      message: {
        name: input.name,
        variables: input.variables,
        ...(input.correlationKey !== null ? { correlationKey: input.correlationKey } : {}),
      },
    });
  }

  broadcastSignal(ctx: CommandContext, input: SignalInput): Promise<CorrelationResult> {
    const store = new DatabaseOrchestrationStore(ctx, this.runner, this.definitions, {
      orgUnitId: input.orgUnitId ?? null,
    });
    return carryOut(store, {
      kind: 'signal',
      signal: { name: input.name, variables: input.variables },
    });
  }
}
