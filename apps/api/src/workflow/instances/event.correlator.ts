import { Injectable } from '@nestjs/common';
import { carryOut, type Delivery, type Variables } from '@orglife/engine';
import type { CommandContext } from './command-context.js';
import { OrchestrationStores } from './orchestration.store.js';

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
  constructor(private readonly stores: OrchestrationStores) {}

  correlateMessage(ctx: CommandContext, input: MessageInput): Promise<CorrelationResult> {
    const store = this.stores.open(ctx, { orgUnitId: input.orgUnitId ?? null });
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
    const store = this.stores.open(ctx, { orgUnitId: input.orgUnitId ?? null });
    return carryOut(store, {
      kind: 'signal',
      signal: { name: input.name, variables: input.variables },
    });
  }
}
