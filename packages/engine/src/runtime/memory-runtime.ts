/**
 * A pure in-memory driver for many instances: deployments (versions), call activities, timers
 * on a simulated clock, message and signal routing, and service workers. The simulator CLI,
 * the benchmark and the property tests run on it; apps/api does the same with a database.
 */
import type { Command, Effect, JobInfo, Variables } from '../contract.js';
import type { CompiledDefinition } from '../compile/model.js';
import type { Decision } from '../decisions/model.js';
import {
  acceptsMessage,
  type EventStart,
  type WaitingSubscription,
} from '../orchestration/correlation.js';
import type {
  BroadcastSignal,
  CallSite,
  InstanceCommand,
  PublishedMessage,
} from '../orchestration/follow-ups.js';
import {
  DEFAULT_RETRY_BACKOFF,
  jobFailure,
  type RetryBackoff,
} from '../orchestration/job-retries.js';
import { carryOutNow, type OrchestrationStore } from '../orchestration/kernel.js';
import { scheduleStartTimers } from '../orchestration/timer-starts.js';
import { addDuration, parseDuration, toIso } from '../timers/iso8601.js';
import { execute } from './execute.js';
import { startInstance } from './start-instance.js';
import type { EngineState } from './state.js';
import type { RunOptions } from './step.js';
import {
  routeEffect,
  type RetryingJob,
  type RuntimeBooks,
  type RuntimeInstance,
  type ScheduledTimer,
  type StartRequest,
  type Subscribed,
} from './memory-runtime.effects.js';

export type { RuntimeInstance } from './memory-runtime.effects.js';

export type ServiceOutcome =
  { variables?: Variables } | { error: string; message?: string } | { fail: string };
export type ServiceWorker = (job: JobInfo) => ServiceOutcome;

interface Deployment {
  definition: CompiledDefinition;
  version: number;
  versionTag?: string;
}

export interface MemoryRuntimeOptions extends RunOptions {
  now: string;
  workers?: Record<string, ServiceWorker>;
  /** Keep the `passed` list per instance (the simulator needs it; the benchmark does not). */
  recordPassed?: boolean;
  /** Pass every state through JSON.stringify/parse after each step (round-trip tests). */
  roundTrip?: boolean;
  /** Follow-up work (jobs run, messages, signals, calls) one outside call may cause. Default 100,000. */
  maxFollowUps?: number;
  /** When a failed job is tried again (orchestration/job-retries.ts); the API's default. */
  retryBackoff?: RetryBackoff;
}

export class MemoryRuntime {
  now: string;
  readonly instances = new Map<string, RuntimeInstance>();
  readonly tasks: RuntimeBooks['tasks'] = new Map();
  readonly timers = new Map<string, ScheduledTimer>();
  /** Failed jobs waiting for their retry backoff to pass on the clock. */
  readonly retrying = new Map<string, RetryingJob>();
  /** Problems outside any instance (follow-up work stopped in a loop that never waits). */
  readonly problems: string[] = [];
  private readonly books: RuntimeBooks;
  private readonly deployments = new Map<string, Deployment[]>();
  /** Deployed DMN decisions by id: the latest deployment of an id wins, as in Zeebe. */
  private readonly decisions = new Map<string, Decision>();
  private readonly workers: Record<string, ServiceWorker>;
  private readonly roundTrip: boolean;
  private readonly runOptions: RunOptions;
  private readonly pending: (() => void)[] = [];
  private readonly maxFollowUps: number;
  private readonly retryBackoff: RetryBackoff;
  private flushing = false;
  private counter = 0;

  constructor(options: MemoryRuntimeOptions) {
    this.now = options.now;
    this.workers = options.workers ?? {};
    this.books = {
      instances: this.instances,
      tasks: this.tasks,
      timers: this.timers,
      retrying: this.retrying,
      messages: new Map(),
      signals: new Map(),
      cancelledJobs: new Set(),
      problems: this.problems,
      recordPassed: options.recordPassed ?? true,
      order: () => this.counter++,
      later: (work) => this.pending.push(work),
      runJob: (instance, job) => this.runJob(instance, job),
      carryOut: (followUp) => carryOutNow(this.store, followUp),
    };
    this.roundTrip = options.roundTrip ?? false;
    this.maxFollowUps = options.maxFollowUps ?? 100_000;
    this.retryBackoff = options.retryBackoff ?? DEFAULT_RETRY_BACKOFF;
    this.runOptions = {
      decisions: this.decisions,
      ...(options.maxActivations !== undefined ? { maxActivations: options.maxActivations } : {}),
      ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
    };
  }

  private keep(state: EngineState): EngineState {
    return this.roundTrip ? (JSON.parse(JSON.stringify(state)) as EngineState) : state;
  }

  /** A new version's timer start events replace those of the process's previous versions. */
  deploy(definition: CompiledDefinition, versionTag?: string): void {
    for (const processId of definition.processIds) {
      const list = this.deployments.get(processId) ?? [];
      const version = list.length + 1;
      list.push({ definition, version, ...(versionTag ? { versionTag } : {}) });
      this.deployments.set(processId, list);
      for (const [id, timer] of this.timers)
        if (timer.start?.processId === processId) this.timers.delete(id);
      const timers = scheduleStartTimers(
        definition,
        { processId, definitionRef: String(version) },
        (elementId) => `${processId}:${elementId}`,
        this.now,
        this.runOptions.timeZone,
      );
      for (const start of timers)
        this.timers.set(start.id, {
          id: start.id,
          dueAt: start.dueAt,
          order: this.counter++,
          start,
        });
    }
  }

  /** Deploys DMN decisions (compileDecisions) for business rule tasks to call. */
  deployDecisions(decisions: readonly Decision[]): void {
    for (const decision of decisions) this.decisions.set(decision.id, decision);
  }

  private find(
    processId: string,
    version: 'latest' | number = 'latest',
    versionTag?: string,
  ): Deployment | undefined {
    const list = this.deployments.get(processId) ?? [];
    if (versionTag) return list.find((d) => d.versionTag === versionTag);
    return version === 'latest' ? list[list.length - 1] : list.find((d) => d.version === version);
  }

  start(processId: string, options: StartRequest = {}): RuntimeInstance | undefined {
    const instance = this.begin(processId, options);
    this.flush();
    return instance;
  }

  /** Starts an instance; its follow-ups wait in the queue. */
  private begin(
    processId: string,
    options: StartRequest,
    parent?: CallSite,
  ): RuntimeInstance | undefined {
    const deployment = this.find(processId, options.version, options.versionTag);
    if (!deployment) return undefined;
    const id = `${processId}#${++this.counter}`;
    const result = startInstance(deployment.definition, {
      instanceId: id,
      processId,
      ...(options.startEventId ? { startEventId: options.startEventId } : {}),
      ...(options.variables ? { variables: options.variables } : {}),
      ...this.runOptions,
      now: this.now,
    });
    const instance: RuntimeInstance = {
      id,
      definition: deployment.definition,
      state: this.keep(result.state),
      passed: [],
      ...(parent ? { parent } : {}),
    };
    this.instances.set(id, instance);
    this.handle(instance, result.effects);
    return instance;
  }

  /** Runs a command on an instance (the command's `now` is the runtime clock). */
  command(instanceId: string, command: InstanceCommand): void {
    this.step(instanceId, command);
    this.flush();
  }

  /** Runs a command on an active instance; its follow-ups wait in the queue. */
  private step(instanceId: string, command: InstanceCommand): boolean {
    const instance = this.instances.get(instanceId);
    if (!instance || instance.state.status !== 'active') return false;
    const result = execute(
      instance.definition,
      instance.state,
      { ...command, now: this.now } as Command,
      this.runOptions,
    );
    instance.state = this.keep(result.state);
    this.handle(instance, result.effects);
    return true;
  }

  completeTask(taskId: string, variables?: Variables): void {
    const open = this.tasks.get(taskId);
    if (!open) return;
    this.command(open.instanceId, {
      type: 'completeTask',
      taskId,
      ...(variables ? { variables } : {}),
    });
    if (!this.instances.get(open.instanceId)?.state.elements[taskId]) this.tasks.delete(taskId);
  }

  /** Completes the oldest open task at an element; false when there is none. */
  completeTaskAt(elementId: string, variables?: Variables): boolean {
    for (const [id, open] of this.tasks) {
      if (open.task.elementId === elementId) {
        this.completeTask(id, variables);
        return true;
      }
    }
    return false;
  }

  /** Moves the clock, firing every timer and running every job retry that falls due, in due order. */
  advance(isoDuration: string): void {
    const duration = parseDuration(isoDuration);
    if (!duration) throw new Error(`'${isoDuration}' is not an ISO-8601 duration`);
    this.advanceTo(toIso(addDuration(Date.parse(this.now), duration)));
  }

  advanceTo(target: string): void {
    const end = Date.parse(target);
    for (;;) {
      let next: ScheduledTimer | RetryingJob | undefined;
      for (const book of [this.timers, this.retrying]) {
        for (const due of book.values()) {
          const at = Date.parse(due.dueAt);
          if (at > end) continue;
          if (
            !next ||
            at < Date.parse(next.dueAt) ||
            (at === Date.parse(next.dueAt) && due.order < next.order)
          )
            next = due;
        }
      }
      if (!next) break;
      if (Date.parse(next.dueAt) > Date.parse(this.now)) this.now = toIso(Date.parse(next.dueAt));
      if ('job' in next) this.retry(next);
      else {
        this.timers.delete(next.id);
        this.fire(next);
      }
    }
    if (end > Date.parse(this.now)) this.now = toIso(end);
  }

  private retry(due: RetryingJob): void {
    this.retrying.delete(due.id);
    const instance = this.instances.get(due.instanceId);
    if (!instance) return;
    this.pending.push(() => this.runJob(instance, due.job));
    this.flush();
  }

  private fire(timer: ScheduledTimer): void {
    if (timer.instanceId) {
      this.command(timer.instanceId, { type: 'fireTimer', timerId: timer.id });
      return;
    }
    if (!timer.start) return;
    carryOutNow(this.store, { kind: 'startTimer', timer: timer.start });
    this.flush();
  }

  /**
   * Publishes a message as the orchestration kernel routes it (orchestration/correlation.ts);
   * false when nothing received it.
   */
  publishMessage(name: string, correlationKey?: string | number, variables?: Variables): boolean {
    const message: PublishedMessage = {
      name,
      variables: variables ?? {},
      ...(correlationKey !== undefined ? { correlationKey: String(correlationKey) } : {}),
    };
    const delivery = carryOutNow(this.store, { kind: 'message', message });
    this.flush();
    return delivery.correlatedInstanceIds.length + delivery.startedInstanceIds.length > 0;
  }

  broadcastSignal(name: string, variables?: Variables): void {
    const signal: BroadcastSignal = { name, variables: variables ?? {} };
    carryOutNow(this.store, { kind: 'signal', signal });
    this.flush();
  }

  /** The kernel's view of this runtime's books. */
  private readonly store: OrchestrationStore = {
    command: (instanceId, command) => this.step(instanceId, command),
    callSiteOpen: (site) => {
      const parent = this.instances.get(site.instanceId);
      return parent?.state.status === 'active' && !!parent.state.elements[site.elementInstanceId];
    },
    startChild: (call, site) =>
      this.begin(
        call.calledProcessId,
        {
          variables: call.variables,
          version: call.version,
          ...(call.versionTag ? { versionTag: call.versionTag } : {}),
        },
        site,
      ) !== undefined,
    activeChildren: (site) =>
      [...this.instances.values()]
        .filter(
          (child) =>
            child.parent?.instanceId === site.instanceId &&
            child.parent.elementInstanceId === site.elementInstanceId &&
            child.state.status === 'active',
        )
        .map((child) => child.id),
    waitingMessages: (name, correlationKey) =>
      this.waiting(this.books.messages, name, (sub) =>
        acceptsMessage(sub.correlationKey, correlationKey),
      ),
    waitingSignals: (name) => this.waiting(this.books.signals, name, () => true),
    eventStarts: (kind, name) => {
      const starts: EventStart[] = [];
      for (const [processId, list] of this.deployments) {
        const latest = list[list.length - 1];
        const start = latest?.definition.startEvents.find(
          (s) =>
            s.processId === processId &&
            (kind === 'message' ? s.messageName : s.signalName) === name,
        );
        if (latest && start)
          starts.push({
            processId,
            elementId: start.elementId,
            definitionRef: String(latest.version),
          });
      }
      return starts;
    },
    deliver: (subscription, command) => {
      const books = command.type === 'correlateMessage' ? this.books.messages : this.books.signals;
      return books.has(subscription.id) && this.step(subscription.instanceId, command);
    },
    startAt: (start, event) =>
      this.begin(start.processId, {
        startEventId: start.elementId,
        version: Number(start.definitionRef),
        variables: event.variables,
      })!.id,
    definitionOf: (start) => this.find(start.processId, Number(start.definitionRef))?.definition,
    timeZone: () => this.runOptions.timeZone,
    rescheduleStartTimer: (_timer, next) => {
      if (next)
        this.timers.set(next.id, {
          id: next.id,
          dueAt: next.dueAt,
          order: this.counter++,
          start: next,
        });
    },
  };

  /** Subscriptions of a name the filter accepts, oldest first. */
  private waiting(
    subscriptions: Map<string, Subscribed>,
    name: string,
    accepts: (subscription: Subscribed) => boolean,
  ): WaitingSubscription[] {
    return [...subscriptions]
      .filter(([, sub]) => sub.name === name && accepts(sub))
      .sort(([, a], [, b]) => a.order - b.order)
      .map(([id, sub]) => ({
        id,
        instanceId: sub.instanceId,
        processId: this.instances.get(sub.instanceId)!.state.processId,
      }));
  }

  /**
   * Runs the follow-up work (jobs, messages, signals, calls) in order, one piece after another:
   * work a piece queues runs after it, not inside it, so a loop of jobs never deepens the stack.
   * Past `maxFollowUps` pieces in one go the rest is dropped with a problem (a loop that never
   * waits, such as a service task looping on a condition that never turns false).
   */
  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    let done = 0;
    try {
      for (let work = this.pending.shift(); work; work = this.pending.shift()) {
        if (++done > this.maxFollowUps) {
          this.problems.push(
            `stopped after ${this.maxFollowUps.toLocaleString('en')} jobs, messages and calls in a row: ` +
              'a loop that never waits for anything outside',
          );
          this.pending.length = 0;
          break;
        }
        work();
      }
    } finally {
      this.flushing = false;
    }
  }

  private runJob(instance: RuntimeInstance, job: JobInfo): void {
    if (this.books.cancelledJobs.delete(job.id)) return;
    const worker = this.workers[job.type];
    const outcome: ServiceOutcome = worker ? worker(job) : {};
    if ('error' in outcome) {
      this.command(instance.id, {
        type: 'throwError',
        jobId: job.id,
        errorCode: outcome.error,
        ...(outcome.message ? { message: outcome.message } : {}),
      });
    } else if ('fail' in outcome) {
      this.command(instance.id, jobFailure(job, outcome.fail, this.now, this.retryBackoff));
    } else {
      this.command(instance.id, {
        type: 'completeJob',
        jobId: job.id,
        ...(outcome.variables ? { variables: outcome.variables } : {}),
      });
    }
  }

  private handle(instance: RuntimeInstance, effects: Effect[]): void {
    for (const effect of effects) routeEffect(this.books, instance, effect);
  }
}
