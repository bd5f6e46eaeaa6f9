import { Inject, Injectable } from '@nestjs/common';
import type {
  AsyncOrchestrationStore,
  BroadcastSignal,
  CallActivityInfo,
  CallSite,
  CompiledDefinition,
  EngineState,
  EventStart,
  FiredTimer,
  InstanceCommand,
  PublishedMessage,
  StartTimer,
  WaitingSubscription,
} from '@orglife/engine';
import { IsNull } from 'typeorm';
import { DefinitionCache } from '../definitions/definition.cache.js';
import { DefinitionRepository } from '../definitions/definition.repository.js';
import { WorkflowJob } from '../jobs/job.entity.js';
import { WORKFLOW_OPTIONS, type WorkflowOptions } from '../workflow.options.js';
import type { CommandContext } from './command-context.js';
import { isStale } from './engine-errors.js';
import { InstanceCommandRunner } from './instance-command.runner.js';
import { WorkflowInstance } from './instance.entity.js';
import { orgUnitOf } from './org-unit-of.js';
import { WorkflowSubscription } from './subscription.entity.js';

/** The unit an instance a message or signal start event creates is filed under. */
export interface EventStartFiling {
  orgUnitId: string | null;
}

/** Opens the orchestration kernel's store inside a command's transaction. */
@Injectable()
export class OrchestrationStores {
  constructor(
    readonly runner: InstanceCommandRunner,
    readonly definitions: DefinitionRepository,
    readonly compiled: DefinitionCache,
    @Inject(WORKFLOW_OPTIONS) readonly options: WorkflowOptions,
  ) {}

  open(ctx: CommandContext, filing?: EventStartFiling): DatabaseOrchestrationStore {
    return new DatabaseOrchestrationStore(ctx, this, filing);
  }
}

/**
 * The orchestration kernel's store on the database, inside one command's transaction.
 * Subscriptions are read without a lock and re-checked under their instance's row lock, so
 * locks are always taken instance first, as every other step takes them; signal recipients are
 * locked in instance id order, so two broadcasts cannot deadlock each other.
 */
export class DatabaseOrchestrationStore implements AsyncOrchestrationStore {
  private readonly runner: InstanceCommandRunner;
  private readonly definitions: DefinitionRepository;

  constructor(
    private readonly ctx: CommandContext,
    private readonly stores: OrchestrationStores,
    private readonly filing: EventStartFiling = { orgUnitId: null },
  ) {
    this.runner = stores.runner;
    this.definitions = stores.definitions;
  }

  private get now(): string {
    return this.ctx.now.toISOString();
  }

  /** An instance that moved on (ended, or the element gone) ignores what reaches it late. */
  async command(instanceId: string, command: InstanceCommand): Promise<boolean> {
    const instance = await this.runner.lock(this.ctx, instanceId);
    if (instance.status !== 'active') return false;
    try {
      await this.runner.run(this.ctx, instance, { ...command, now: this.now } as never);
      return true;
    } catch (error) {
      if (isStale(error)) return false;
      throw error;
    }
  }

  async callSiteOpen(site: CallSite): Promise<boolean> {
    const parent = await this.runner.lock(this.ctx, site.instanceId);
    return (
      parent.status === 'active' && site.elementInstanceId in (parent.state as EngineState).elements
    );
  }

  async startChild(call: CallActivityInfo, site: CallSite): Promise<boolean> {
    const definition =
      call.version === 'latest'
        ? await this.definitions.latest(this.ctx.em, call.calledProcessId)
        : await this.definitions.version(this.ctx.em, call.calledProcessId, call.version);
    if (!definition) return false;
    const parent = await this.ctx.em.findOneByOrFail(WorkflowInstance, { id: site.instanceId });
    await this.runner.start(this.ctx, {
      definition,
      variables: call.variables,
      orgUnitId: orgUnitOf(call.variables),
      businessKey: parent.businessKey,
      startedBy: this.ctx.actor,
      parent: {
        instanceId: parent.id,
        elementInstanceId: site.elementInstanceId,
        orgUnitId: parent.orgUnitId,
      },
    });
    return true;
  }

  async activeChildren(site: CallSite): Promise<string[]> {
    const children = await this.ctx.em.find(WorkflowInstance, {
      select: { id: true },
      where: {
        parentInstanceId: site.instanceId,
        parentElementInstanceId: site.elementInstanceId,
        status: 'active',
      },
      order: { id: 'ASC' },
    });
    return children.map(({ id }) => id);
  }

  async waitingMessages(
    name: string,
    correlationKey: string | undefined,
  ): Promise<WaitingSubscription[]> {
    const query = this.waiting('message', name).orderBy('s.created_at').addOrderBy('s.id');
    if (correlationKey === undefined) query.andWhere('s.correlation_key IS NULL');
    else query.andWhere('s.correlation_key = :key', { key: correlationKey });
    return toWaiting(await query.getMany());
  }

  async waitingSignals(name: string): Promise<WaitingSubscription[]> {
    const query = this.waiting('signal', name).orderBy('s.instance_id').addOrderBy('s.created_at');
    return toWaiting(await query.getMany());
  }

  private waiting(kind: 'message' | 'signal', name: string) {
    return this.ctx.em
      .createQueryBuilder(WorkflowSubscription, 's')
      .where('s.kind = :kind AND s.name = :name AND s.instance_id IS NOT NULL', { kind, name });
  }

  /** Deployment keeps one start subscription per start event of each process's latest version. */
  async eventStarts(kind: 'message' | 'signal', name: string): Promise<EventStart[]> {
    const starts = await this.ctx.em.find(WorkflowSubscription, {
      where: { kind, name, instanceId: IsNull() },
      order: { processId: 'ASC' },
    });
    return starts.map((s) => ({
      processId: s.processId,
      elementId: s.elementId,
      definitionRef: s.definitionId,
    }));
  }

  async deliver(subscription: WaitingSubscription, command: InstanceCommand): Promise<boolean> {
    const instance = await this.runner.lock(this.ctx, subscription.instanceId);
    if (instance.status !== 'active') return false;
    if (!(await this.ctx.em.existsBy(WorkflowSubscription, { id: subscription.id }))) return false;
    await this.runner.run(this.ctx, instance, { ...command, now: this.now } as never);
    return true;
  }

  async startAt(
    start: EventStart,
    event: PublishedMessage | BroadcastSignal | FiredTimer,
  ): Promise<string> {
    const definition = await this.definitions.byId(this.ctx.em, start.definitionRef);
    if (!definition) throw new Error(`Definition ${start.definitionRef} of a start event is gone`);
    // a message-started instance is filed under the message's correlation key, as Zeebe keeps it
    const businessKey = 'correlationKey' in event ? (event.correlationKey ?? null) : null;
    const instance = await this.runner.start(this.ctx, {
      definition,
      startEventId: start.elementId,
      variables: event.variables,
      orgUnitId: this.filing.orgUnitId,
      businessKey,
      startedBy: 'timerId' in event ? null : this.ctx.actor,
    });
    return instance.id;
  }

  async definitionOf(start: EventStart): Promise<CompiledDefinition | undefined> {
    const row = await this.definitions.byId(this.ctx.em, start.definitionRef);
    return row ? this.stores.compiled.get(this.ctx.em, row.id) : undefined;
  }

  timeZone(): Promise<string> {
    return Promise.resolve(this.stores.options.timeZone);
  }

  /** A timer start job goes back to due for its next firing, or is gone. */
  async rescheduleStartTimer(timer: StartTimer, next: StartTimer | null): Promise<void> {
    if (!next) {
      await this.ctx.em.delete(WorkflowJob, { id: timer.id });
      return;
    }
    await this.ctx.em.update(
      WorkflowJob,
      { id: timer.id },
      {
        state: 'due',
        dueAt: new Date(next.dueAt),
        lockOwner: null,
        lockExpiresAt: null,
        attempts: 0,
        fireCount: next.fired,
      },
    );
  }
}

function toWaiting(subscriptions: WorkflowSubscription[]): WaitingSubscription[] {
  return subscriptions.flatMap((s) =>
    s.instanceId ? [{ id: s.id, instanceId: s.instanceId, processId: s.processId }] : [],
  );
}
