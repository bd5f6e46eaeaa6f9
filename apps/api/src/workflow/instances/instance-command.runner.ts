import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type Command,
  execute,
  startInstance,
  type StepResult,
  type Variables,
} from '@orglife/engine';
import { DefinitionCache } from '../definitions/definition.cache.js';
import type { WorkflowDefinition } from '../definitions/definition.entity.js';
import type { CommandContext } from './command-context.js';
import { EffectApplier } from './effect.applier.js';
import { WorkflowInstance } from './instance.entity.js';
import { orgUnitOf } from './org-unit-of.js';
import { insertRows, returnedRows } from '../sql.js';

export interface StartInput {
  definition: WorkflowDefinition;
  /** A specific start event (timer, message, signal); omitted = the none start event. */
  startEventId?: string;
  variables: Variables;
  /** Falls back to the `orgUnitId` variable, then to the parent's. */
  orgUnitId: string | null;
  businessKey: string | null;
  startedBy: string | null;
  parent?: { instanceId: string; elementInstanceId: string; orgUnitId: string | null };
}

/**
 * Runs the engine on one instance inside the caller's transaction and writes the outcome.
 * Engine refusals propagate unchanged; `CommandScope` maps them to HTTP errors at the end.
 */
@Injectable()
export class InstanceCommandRunner {
  constructor(
    private readonly definitions: DefinitionCache,
    private readonly effects: EffectApplier,
  ) {}

  /** Row-locks the instance (`FOR UPDATE`) for the rest of the transaction. */
  async lock(ctx: CommandContext, instanceId: string): Promise<WorkflowInstance> {
    const instance = await ctx.em
      .createQueryBuilder(WorkflowInstance, 'i')
      .setLock('pessimistic_write')
      .where('i.id = :instanceId', { instanceId })
      .getOne();
    if (!instance) throw new NotFoundException(`Process instance ${instanceId} does not exist.`);
    return instance;
  }

  async start(ctx: CommandContext, input: StartInput): Promise<WorkflowInstance> {
    const compiled = await this.definitions.get(ctx.em, input.definition.id);
    const id = randomUUID();
    const result = startInstance(compiled, {
      instanceId: id,
      processId: input.definition.processId,
      ...(input.startEventId ? { startEventId: input.startEventId } : {}),
      variables: input.variables,
      now: ctx.now.toISOString(),
    });
    const instance = ctx.em.create(WorkflowInstance, {
      id,
      definitionId: input.definition.id,
      processId: input.definition.processId,
      businessKey: input.businessKey,
      orgUnitId: input.orgUnitId ?? orgUnitOf(input.variables) ?? input.parent?.orgUnitId ?? null,
      status: result.state.status,
      state: result.state,
      version: result.state.version,
      parentInstanceId: input.parent?.instanceId ?? null,
      parentElementInstanceId: input.parent?.elementInstanceId ?? null,
      startedBy: input.startedBy,
      startedAt: ctx.now,
      endedAt: result.state.status === 'active' ? null : ctx.now,
    });
    await insertRows(ctx.em, WorkflowInstance, instance);
    await this.effects.apply(ctx, instance, result.effects);
    return instance;
  }

  /** Runs `command` on an instance the caller has locked; saves state, then its effects. */
  async run(
    ctx: CommandContext,
    instance: WorkflowInstance,
    command: Command,
  ): Promise<StepResult> {
    if (instance.status !== 'active') {
      throw new ConflictException(`Process instance ${instance.id} has already ended.`);
    }
    const compiled = await this.definitions.get(ctx.em, instance.definitionId);
    const result = execute(compiled, instance.state, command);
    const previousVersion = instance.version;
    instance.state = result.state;
    instance.version = result.state.version;
    instance.status = result.state.status;
    if (instance.status !== 'active') instance.endedAt = ctx.now;
    const saved = await ctx.em.query<unknown>(
      `UPDATE wf_instance SET state = $1, version = $2, status = $3, ended_at = $4
        WHERE id = $5 AND version = $6 RETURNING id`,
      [
        JSON.stringify(instance.state),
        instance.version,
        instance.status,
        instance.endedAt,
        instance.id,
        previousVersion,
      ],
    );
    if (returnedRows(saved).length !== 1) {
      throw new ConflictException(`Process instance ${instance.id} was changed concurrently.`);
    }
    await this.effects.apply(ctx, instance, result.effects);
    return result;
  }
}
