import { Inject, Injectable } from '@nestjs/common';
import {
  type Command,
  type CompiledDefinition,
  execute,
  type RunOptions,
  startInstance,
  type StepResult,
  type Variables,
} from '@orglife/engine';
import { NotFound, Conflict } from '../../common/errors.js';
import { DefinitionCache } from '../definitions/definition.cache.js';
import type { WorkflowDefinition } from '../definitions/definition.entity.js';
import type { CommandContext } from './command-context.js';
import { EffectApplier } from './effect.applier.js';
import { WorkflowInstance } from './instance.entity.js';
import { instanceSaveStatement } from './instance-save.js';
import { orgUnitOf } from './org-unit-of.js';
import { entityFromRow, type Statement } from '../../database/entity-rows.js';
import { WorkflowTask } from '../tasks/task.entity.js';
import { newRowId } from '../../database/row-id.js';
import { WORKFLOW_OPTIONS, type WorkflowOptions } from '../workflow.options.js';
import { DecisionRegistry } from '../decisions/decision.registry.js';

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
  /** Chosen by the caller; else a new one. */
  instanceId?: string;
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
    private readonly decisions: DecisionRegistry,
    @Inject(WORKFLOW_OPTIONS) private readonly options: WorkflowOptions,
  ) {}

  /** Row-locks the instance (`FOR UPDATE`) for the rest of the transaction. */
  async lock(ctx: CommandContext, instanceId: string): Promise<WorkflowInstance> {
    const [instance] = await this.lockWhere(ctx, 'id = $1', [instanceId]);
    if (!instance) throw new NotFound(`Process instance ${instanceId} does not exist.`);
    return instance;
  }

  /**
   * Row-locks the instances in id order and returns those that exist, by id, with the rows of
   * `after`: statements run once the locks are held, in the same round trip.
   */
  async lockAll(
    ctx: CommandContext,
    instanceIds: string[],
    after: Statement[] = [],
  ): Promise<{ instances: Map<string, WorkflowInstance>; after: unknown[][] }> {
    const ids = [...new Set(instanceIds)];
    const lock = ids.length > 0 ? [lockStatement('id = ANY($1)', [ids])] : [];
    const rows = await ctx.writes.read([...lock, ...after]);
    const locked = lock.length > 0 ? this.toInstances(ctx, rows.shift() ?? []) : [];
    return { instances: new Map(locked.map((instance) => [instance.id, instance])), after: rows };
  }

  /**
   * Row-locks the instance a task belongs to, and the task, and reads both in one statement.
   * The instance is locked first, as every other command locks it before it touches a task; a
   * read that had to wait for a lock sees the rows as the other command committed them.
   */
  async lockOfTask(
    ctx: CommandContext,
    taskId: string,
  ): Promise<{ instance: WorkflowInstance; task: WorkflowTask; unitName: string | null }> {
    const [rows = []] = await ctx.writes.read([{ sql: LOCK_OF_TASK, params: [taskId] }]);
    const row = rows[0] as
      | {
          instance: Record<string, unknown>;
          task: Record<string, unknown>;
          unit_name: string | null;
        }
      | undefined;
    if (!row) throw new NotFound(`Task ${taskId} does not exist.`);
    return {
      instance: entityFromRow(ctx.em, WorkflowInstance, row.instance),
      task: entityFromRow(ctx.em, WorkflowTask, row.task),
      unitName: row.unit_name,
    };
  }

  private async lockWhere(
    ctx: CommandContext,
    where: string,
    params: unknown[],
  ): Promise<WorkflowInstance[]> {
    const [rows = []] = await ctx.writes.read([lockStatement(where, params)]);
    return this.toInstances(ctx, rows);
  }

  private toInstances(ctx: CommandContext, rows: unknown[]): WorkflowInstance[] {
    return rows.map((row) =>
      entityFromRow(
        ctx.em,
        WorkflowInstance,
        (row as { instance: Record<string, unknown> }).instance,
      ),
    );
  }

  async start(ctx: CommandContext, input: StartInput): Promise<WorkflowInstance> {
    const compiled = await this.definitions.get(ctx.em, input.definition.id);
    const id = input.instanceId ?? newRowId();
    const result = startInstance(compiled, {
      instanceId: id,
      processId: input.definition.processId,
      ...(input.startEventId ? { startEventId: input.startEventId } : {}),
      variables: input.variables,
      ...(await this.runOptions(ctx, compiled)),
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
    ctx.writes.insert(ctx.em, WorkflowInstance, instance);
    await this.effects.apply(ctx, instance, result.effects);
    return instance;
  }

  private async runOptions(ctx: CommandContext, compiled: CompiledDefinition): Promise<RunOptions> {
    return {
      maxActivations: this.options.maxActivationsPerStep,
      timeZone: this.options.timeZone,
      ...(callsDecisions(compiled) ? { decisions: await this.decisions.decisions(ctx.em) } : {}),
    };
  }

  /** Runs `command` on an instance the caller has locked; saves state, then its effects. */
  async run(
    ctx: CommandContext,
    instance: WorkflowInstance,
    command: Command,
  ): Promise<StepResult> {
    if (instance.status !== 'active') {
      throw new Conflict(`Process instance ${instance.id} has already ended.`);
    }
    const compiled = await this.definitions.get(ctx.em, instance.definitionId);
    // The instance's state is ours to change: a command that throws fails its transaction, or
    // (a stale command, ignored) leaves this instance unsaved.
    const result = execute(compiled, instance.state, command, {
      ...(await this.runOptions(ctx, compiled)),
      handOverState: true,
    });
    const previousVersion = instance.version;
    instance.state = result.state;
    instance.version = result.state.version;
    instance.status = result.state.status;
    if (instance.status !== 'active') instance.endedAt = ctx.now;
    // Written with the next query or the COMMIT; the version check fails the transaction there.
    ctx.writes.addLatest(`wf_instance ${instance.id}`, previousVersion, (since) =>
      instanceSaveStatement(instance, since),
    );
    await this.effects.apply(ctx, instance, result.effects);
    return result;
  }
}

/**
 * Instances in id order under FOR UPDATE. Locked rows are read as one JSON value each: parsing
 * one JSON text costs the driver less than describing and converting a dozen or more columns,
 * and the rows' dates and JSON columns hydrate the same way.
 */
function lockStatement(where: string, params: unknown[]): Statement {
  return {
    sql: `SELECT row_to_json(i) AS instance FROM wf_instance i WHERE ${where} ORDER BY id FOR UPDATE`,
    params,
  };
}

/**
 * The task's instance under FOR UPDATE, like `lock`, then the task under FOR NO KEY UPDATE, the
 * lock its own UPDATE takes anyway (it leaves comments on the task free to be added meanwhile).
 * PostgreSQL takes the row locks in the order of the locking clauses. The name of the task's
 * unit comes along for the command's answer (no round trip of its own after the commit).
 */
const LOCK_OF_TASK = `
  SELECT row_to_json(i) AS instance, row_to_json(t) AS task,
         (SELECT name FROM org_unit WHERE id = t.org_unit_id) AS unit_name
    FROM wf_task t JOIN wf_instance i ON i.id = t.instance_id
   WHERE t.id = $1
     FOR UPDATE OF i FOR NO KEY UPDATE OF t`;

const decisionCallers = new WeakMap<CompiledDefinition, boolean>();

/** Whether a business rule task of the definition calls a DMN decision. */
function callsDecisions(compiled: CompiledDefinition): boolean {
  let calls = decisionCallers.get(compiled);
  if (calls === undefined) {
    calls = [...compiled.processes.values()].some((process) =>
      [...process.nodes.values()].some((node) => node.decision !== undefined),
    );
    decisionCallers.set(compiled, calls);
  }
  return calls;
}
