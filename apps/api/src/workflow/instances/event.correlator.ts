import { Injectable } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import { IsNull } from 'typeorm';
import { DefinitionRepository } from '../definitions/definition.repository.js';
import type { CommandContext } from './command-context.js';
import { InstanceCommandRunner } from './instance-command.runner.js';
import { WorkflowSubscription } from './subscription.entity.js';

export interface MessageInput {
  name: string;
  correlationKey: string | null;
  variables: Variables;
  /** For instances a message start event creates. */
  orgUnitId?: string | null;
  businessKey?: string | null;
}

export interface SignalInput {
  name: string;
  variables: Variables;
  orgUnitId?: string | null;
}

export interface CorrelationResult {
  /** Instances that were waiting and received it. */
  correlatedInstanceIds: string[];
  /** Instances a message or signal start event created. */
  startedInstanceIds: string[];
}

/** Bounded so a subscription that keeps vanishing under us cannot loop forever. */
const MAX_MESSAGE_ATTEMPTS = 5;

/**
 * Routes messages (to the oldest waiting subscription with that name and key, else to
 * message start events) and signals (to every waiting subscription and signal start event).
 * Subscriptions are read without a lock and re-checked under the instance's row lock, so
 * locks are always taken instance first, as every other step does.
 */
@Injectable()
export class EventCorrelator {
  constructor(
    private readonly runner: InstanceCommandRunner,
    private readonly definitions: DefinitionRepository,
  ) {}

  async correlateMessage(ctx: CommandContext, input: MessageInput): Promise<CorrelationResult> {
    for (let attempt = 0; attempt < MAX_MESSAGE_ATTEMPTS; attempt++) {
      const query = ctx.em
        .createQueryBuilder(WorkflowSubscription, 's')
        .where(`s.kind = 'message' AND s.name = :name AND s.instance_id IS NOT NULL`, {
          name: input.name,
        })
        .orderBy('s.created_at')
        .addOrderBy('s.id')
        .limit(1);
      if (input.correlationKey === null) query.andWhere('s.correlation_key IS NULL');
      else query.andWhere('s.correlation_key = :key', { key: input.correlationKey });
      const subscription = await query.getOne();
      if (!subscription?.instanceId) break;
      const instance = await this.runner.lock(ctx, subscription.instanceId);
      if (!(await ctx.em.existsBy(WorkflowSubscription, { id: subscription.id }))) continue;
      await this.runner.run(ctx, instance, {
        type: 'correlateMessage',
        subscriptionId: subscription.id,
        variables: input.variables,
        now: ctx.now.toISOString(),
      });
      return { correlatedInstanceIds: [instance.id], startedInstanceIds: [] };
    }
    const startedInstanceIds = await this.startByEvent(ctx, 'message', input.name, {
      variables: input.variables,
      orgUnitId: input.orgUnitId ?? null,
      businessKey: input.businessKey ?? input.correlationKey,
    });
    return { correlatedInstanceIds: [], startedInstanceIds };
  }

  async broadcastSignal(ctx: CommandContext, input: SignalInput): Promise<CorrelationResult> {
    const waiting = await ctx.em
      .createQueryBuilder(WorkflowSubscription, 's')
      .where(`s.kind = 'signal' AND s.name = :name AND s.instance_id IS NOT NULL`, {
        name: input.name,
      })
      .orderBy('s.instance_id')
      .addOrderBy('s.created_at')
      .getMany();
    const byInstance = new Map<string, WorkflowSubscription[]>();
    for (const s of waiting) {
      if (s.instanceId) byInstance.set(s.instanceId, [...(byInstance.get(s.instanceId) ?? []), s]);
    }
    const correlatedInstanceIds: string[] = [];
    for (const [instanceId, subscriptions] of byInstance) {
      const instance = await this.runner.lock(ctx, instanceId);
      for (const s of subscriptions) {
        if (instance.status !== 'active') break;
        if (!(await ctx.em.existsBy(WorkflowSubscription, { id: s.id }))) continue;
        await this.runner.run(ctx, instance, {
          type: 'broadcastSignal',
          subscriptionId: s.id,
          variables: input.variables,
          now: ctx.now.toISOString(),
        });
      }
      correlatedInstanceIds.push(instanceId);
    }
    const startedInstanceIds = await this.startByEvent(ctx, 'signal', input.name, {
      variables: input.variables,
      orgUnitId: input.orgUnitId ?? null,
      businessKey: null,
    });
    return { correlatedInstanceIds, startedInstanceIds };
  }

  private async startByEvent(
    ctx: CommandContext,
    kind: 'message' | 'signal',
    name: string,
    start: { variables: Variables; orgUnitId: string | null; businessKey: string | null },
  ): Promise<string[]> {
    const starts = await ctx.em.find(WorkflowSubscription, {
      where: { kind, name, instanceId: IsNull() },
      order: { processId: 'ASC' },
    });
    const started: string[] = [];
    for (const s of starts) {
      const definition = await this.definitions.byId(ctx.em, s.definitionId);
      if (!definition) continue;
      const instance = await this.runner.start(ctx, {
        definition,
        startEventId: s.elementId,
        variables: start.variables,
        orgUnitId: start.orgUnitId,
        businessKey: start.businessKey,
        startedBy: ctx.actor,
      });
      started.push(instance.id);
    }
    return started;
  }
}
