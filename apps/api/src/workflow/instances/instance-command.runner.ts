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
    const [row] = await ctx.em.query<InstanceRow[]>(
      `SELECT ${INSTANCE_COLUMNS} FROM wf_instance WHERE id = $1 FOR UPDATE`,
      [instanceId],
    );
    if (!row) throw new NotFoundException(`Process instance ${instanceId} does not exist.`);
    return toInstance(row);
  }

  /** Row-locks the instances in id order; those that exist, by id. */
  async lockAll(
    ctx: CommandContext,
    instanceIds: string[],
  ): Promise<Map<string, WorkflowInstance>> {
    if (instanceIds.length === 0) return new Map();
    const rows = await ctx.em.query<InstanceRow[]>(
      `SELECT ${INSTANCE_COLUMNS} FROM wf_instance WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
      [[...new Set(instanceIds)]],
    );
    return new Map(rows.map((row) => [row.id, toInstance(row)]));
  }

  /** Row-locks the instance a task belongs to, found from the task in the same round trip. */
  async lockOfTask(ctx: CommandContext, taskId: string): Promise<WorkflowInstance> {
    const [row] = await ctx.em.query<InstanceRow[]>(
      `SELECT ${INSTANCE_COLUMNS} FROM wf_instance
        WHERE id = (SELECT instance_id FROM wf_task WHERE id = $1) FOR UPDATE`,
      [taskId],
    );
    if (!row) throw new NotFoundException(`Task ${taskId} does not exist.`);
    return toInstance(row);
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

const INSTANCE_COLUMNS = `id, definition_id, process_id, business_key, org_unit_id, status, state,
  version, parent_instance_id, parent_element_instance_id, started_by, started_at, ended_at`;

/** A `wf_instance` row as the driver returns it (the lock is taken with plain SQL: it is the hot path). */
interface InstanceRow {
  id: string;
  definition_id: string;
  process_id: string;
  business_key: string | null;
  org_unit_id: string | null;
  status: WorkflowInstance['status'];
  state: WorkflowInstance['state'];
  version: number;
  parent_instance_id: string | null;
  parent_element_instance_id: string | null;
  started_by: string | null;
  started_at: Date;
  ended_at: Date | null;
}

function toInstance(row: InstanceRow): WorkflowInstance {
  return Object.assign(new WorkflowInstance(), {
    id: row.id,
    definitionId: row.definition_id,
    processId: row.process_id,
    businessKey: row.business_key,
    orgUnitId: row.org_unit_id,
    status: row.status,
    state: row.state,
    version: row.version,
    parentInstanceId: row.parent_instance_id,
    parentElementInstanceId: row.parent_element_instance_id,
    startedBy: row.started_by,
    startedAt: new Date(row.started_at),
    endedAt: row.ended_at ? new Date(row.ended_at) : null,
  });
}
