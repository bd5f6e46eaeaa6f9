import { Injectable } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { InvalidInput, NotFound } from '../../common/errors.js';
import { DefinitionCache } from '../definitions/definition.cache.js';
import type { WorkflowDefinition } from '../definitions/definition.entity.js';
import { DefinitionRepository } from '../definitions/definition.repository.js';
import { FormOnlyKeys } from '../tasks/form-only-keys.js';
import { CommandScope } from './command.scope.js';
import { type CorrelationResult, EventCorrelator } from './event.correlator.js';
import { InstanceCommandRunner } from './instance-command.runner.js';
import type { WorkflowInstance } from './instance.entity.js';

export interface StartProcessInput {
  processId: string;
  /** A pinned version; omitted = the latest. */
  version?: number;
  variables?: Variables;
  /** The org unit the instance belongs to (authorization, inbox filters); else the `orgUnitId` variable. */
  orgUnitId?: string | null;
  businessKey?: string | null;
  /** Person id of whoever starts it; null for the system. */
  startedBy: string | null;
  /** The new instance's id, when its domain record is written with it beforehand; else a new one. */
  instanceId?: string;
  /**
   * Started through the generic route (`POST /api/instances`): refused for a domain process (one
   * with a domain form), which only its domain command may start, linking it to its record.
   */
  generic?: boolean;
}

export interface CorrelateMessageInput {
  name: string;
  correlationKey?: string | null;
  variables?: Variables;
  orgUnitId?: string | null;
  actor: string;
}

export interface BroadcastSignalInput {
  name: string;
  variables?: Variables;
  orgUnitId?: string | null;
  actor: string;
}

/**
 * The runtime's entry points for other modules. Each takes an optional EntityManager: pass
 * yours to run inside your transaction (your rows and the workflow's commit together), or
 * null for a transaction of its own. Authorization is the caller's job.
 */
@Injectable()
export class WorkflowRuntimeService {
  constructor(
    private readonly scope: CommandScope,
    private readonly runner: InstanceCommandRunner,
    private readonly correlator: EventCorrelator,
    private readonly definitions: DefinitionRepository,
    private readonly compiled: DefinitionCache,
    private readonly formOnly: FormOnlyKeys,
  ) {}

  startProcess(em: EntityManager | null, input: StartProcessInput): Promise<WorkflowInstance> {
    return this.scope.run(em, input.startedBy ?? 'system', async (ctx) => {
      const definition =
        input.version === undefined
          ? await this.definitions.latest(ctx.em, input.processId)
          : await this.definitions.version(ctx.em, input.processId, input.version);
      if (!definition) {
        throw new NotFound(
          `Process ${input.processId}${input.version ? ` version ${input.version}` : ''} is not deployed (流程未部署).`,
        );
      }
      if (input.generic) await this.assertGeneric(ctx.em, definition);
      const instance = await this.runner.start(ctx, {
        definition,
        variables: input.variables ?? {},
        orgUnitId: input.orgUnitId ?? null,
        businessKey: input.businessKey ?? null,
        startedBy: input.startedBy,
        ...(input.instanceId ? { instanceId: input.instanceId } : {}),
      });
      ctx.journal.recordAudit(ctx.now, {
        actor: ctx.actor,
        action: 'instance.started',
        instanceId: instance.id,
        detail: { processId: definition.processId, version: definition.version },
      });
      return instance;
    });
  }

  correlateMessage(
    em: EntityManager | null,
    input: CorrelateMessageInput,
  ): Promise<CorrelationResult> {
    return this.scope.run(em, input.actor, async (ctx) => {
      const result = await this.correlator.correlateMessage(ctx, {
        name: input.name,
        correlationKey: input.correlationKey ?? null,
        variables: input.variables ?? {},
        orgUnitId: input.orgUnitId ?? null,
      });
      ctx.journal.recordAudit(ctx.now, {
        actor: ctx.actor,
        action: 'message.correlated',
        detail: { name: input.name, correlationKey: input.correlationKey ?? null, ...result },
      });
      return result;
    });
  }

  broadcastSignal(
    em: EntityManager | null,
    input: BroadcastSignalInput,
  ): Promise<CorrelationResult> {
    return this.scope.run(em, input.actor, async (ctx) => {
      const result = await this.correlator.broadcastSignal(ctx, {
        name: input.name,
        variables: input.variables ?? {},
        orgUnitId: input.orgUnitId ?? null,
      });
      ctx.journal.recordAudit(ctx.now, {
        actor: ctx.actor,
        action: 'signal.broadcast',
        detail: { name: input.name, ...result },
      });
      return result;
    });
  }

  private async assertGeneric(em: EntityManager, definition: WorkflowDefinition): Promise<void> {
    const { userTaskElements } = await this.compiled.get(em, definition.id);
    const domainForm = userTaskElements.find(
      (task) => task.processId === definition.processId && this.formOnly.has(task.formKey ?? null),
    );
    if (domainForm) {
      throw new InvalidInput(
        `Process ${definition.processId} is a domain flow (form ${domainForm.formKey}): it is started by its own command, not POST /api/instances (业务流程须通过业务功能发起).`,
        { type: 'urn:orglife:problem:domain-process' },
      );
    }
  }

  /** Cancels a running instance and, through their call activities, its children. */
  cancelInstance(
    em: EntityManager | null,
    instanceId: string,
    actor: string,
  ): Promise<WorkflowInstance> {
    return this.scope.run(em, actor, async (ctx) => {
      const instance = await this.runner.lock(ctx, instanceId);
      await this.runner.run(ctx, instance, { type: 'cancel', now: ctx.now.toISOString() });
      ctx.journal.recordAudit(ctx.now, {
        actor,
        action: 'instance.cancelled',
        instanceId,
      });
      return instance;
    });
  }
}
