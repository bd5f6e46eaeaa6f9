import { Inject, Injectable, Logger } from '@nestjs/common';
import { jobFailure, nextAttempt, type Command, type RetryBackoff } from '@orglife/engine';
import { WorkflowIncident } from '../incidents/incident.entity.js';
import type { CommandContext } from '../instances/command-context.js';
import { CommandScope } from '../instances/command.scope.js';
import { isStale } from '../instances/engine-errors.js';
import { InstanceCommandRunner } from '../instances/instance-command.runner.js';
import type { WorkflowInstance } from '../instances/instance.entity.js';
import type { Statement } from '../../database/entity-rows.js';
import { WORKFLOW_OPTIONS, type WorkflowOptions } from '../workflow.options.js';
import { EventLoopShare } from './event-loop-share.js';
import { BpmnError, JobHandlerRegistry } from './job-handler.registry.js';
import { WorkflowJob } from './job.entity.js';
import { newRowId } from '../../database/row-id.js';
import { isDatabaseUnavailable } from '../../database/database-unavailable.js';

const SYSTEM = 'system';

/**
 * Runs claimed jobs, a group at a time in one transaction: fires a timer, runs a service task's handler,
 * or starts an instance from a timer start event. A failure rolls that back and, in a second
 * transaction, counts the attempt on the engine's retry schedule: again after a backoff, or an
 * incident when out of retries.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);
  private readonly backoff: RetryBackoff;
  /**
   * A group's jobs may run without a round trip between them (their writes held back, their
   * reads prefetched), so requests would wait for whole groups: the workers take turns with
   * them. Not a turn after every job: measured on 30,000 timers (a fraction of a millisecond
   * each), yielding at every one fired them a fifth slower.
   */
  private readonly share = new EventLoopShare();

  constructor(
    private readonly scope: CommandScope,
    private readonly runner: InstanceCommandRunner,
    private readonly handlers: JobHandlerRegistry,
    @Inject(WORKFLOW_OPTIONS) options: WorkflowOptions,
  ) {
    const { backoffMs, maxBackoffMs } = options.jobExecutor;
    this.backoff = { firstMs: backoffMs, maxMs: maxBackoffMs };
  }

  /**
   * Fires `jobs` in one transaction. If any fails, nothing of the group is kept and each job
   * runs again on its own, so the failing one gets its retry or incident and the others commit.
   */
  async runTogether(jobs: WorkflowJob[], owner: string): Promise<void> {
    if (jobs.length === 1) return this.run(jobs[0]!, owner);
    try {
      await this.scope.run(null, SYSTEM, (ctx) => this.fireAll(ctx, jobs, owner));
    } catch (error) {
      if (this.databaseAway(jobs, error)) return;
      for (const job of jobs) await this.run(job, owner);
    }
  }

  async run(job: WorkflowJob, owner: string): Promise<void> {
    try {
      await this.scope.run(null, SYSTEM, (ctx) => this.fireAll(ctx, [job], owner));
    } catch (error) {
      if (this.databaseAway([job], error)) return;
      try {
        await this.scope.run(null, SYSTEM, (ctx) => this.fail(ctx, job, owner, error));
      } catch (failure) {
        // The lock expires and another round tries again.
        this.logger.error(
          { jobId: job.id, error: String(failure) },
          'Could not record a job failure',
        );
      }
    }
  }

  /**
   * Locks the jobs' instances (in id order, so two groups never wait on each other in a
   * cycle) and then takes the timer and service jobs this executor still holds, in one round
   * trip; then fires each.
   */
  private async fireAll(ctx: CommandContext, jobs: WorkflowJob[], owner: string): Promise<void> {
    const engineJobs = jobs.filter((job) => job.kind !== 'start_timer');
    const { instances, after } = await this.runner.lockAll(
      ctx,
      jobs.flatMap((job) => (job.instanceId ? [job.instanceId] : [])),
      engineJobs.length > 0 ? [takeStatement(engineJobs, owner)] : [],
    );
    const taken = new Set((after[0] ?? []).map((row) => (row as { id: string }).id));
    if (jobs.length > 1) {
      await this.handlers.prefetch(
        jobs.filter((job) => job.kind === 'service' && taken.has(job.id)),
        ctx.em,
      );
    }
    // The group's jobs step the instances held in `instances`; each is saved once at the end.
    await ctx.writes.holdingLatest(async () => {
      for (const job of jobs) {
        await this.share.turn();
        const instance = job.instanceId ? (instances.get(job.instanceId) ?? null) : null;
        await this.fire(ctx, job, owner, instance, taken.has(job.id));
      }
    });
  }

  private async fire(
    ctx: CommandContext,
    job: WorkflowJob,
    owner: string,
    instance: WorkflowInstance | null,
    taken: boolean,
  ): Promise<void> {
    const now = ctx.now.toISOString();
    switch (job.kind) {
      case 'timer':
        if (taken && instance?.status === 'active') {
          await this.runner.run(ctx, instance, { type: 'fireTimer', timerId: job.id, now });
        }
        return;
      case 'service':
        if (taken && instance?.status === 'active') await this.runService(ctx, instance, job);
        return;
      case 'start_timer':
        // the orchestration kernel starts the instance and schedules the next firing
        if (await this.stillOurs(ctx, job, owner))
          ctx.followUps.push({
            kind: 'startTimer',
            timer: {
              id: job.id,
              processId: job.processId,
              elementId: job.elementId,
              definitionRef: job.definitionId,
              dueAt: job.dueAt.toISOString(),
              fired: job.fireCount,
            },
          });
        return;
      default: {
        const unknown: never = job.kind;
        throw new Error(`Unknown job kind ${String(unknown)}`);
      }
    }
  }

  private async runService(
    ctx: CommandContext,
    instance: WorkflowInstance,
    job: WorkflowJob,
  ): Promise<void> {
    const type = job.jobType ?? '';
    const handler = this.handlers.get(type);
    if (!handler) throw new Error(`No handler is registered for service task type "${type}"`);
    const now = ctx.now.toISOString();
    try {
      const variables = (await handler(job, ctx.em)) ?? {};
      await this.runner.run(ctx, instance, { type: 'completeJob', jobId: job.id, variables, now });
    } catch (error) {
      if (!(error instanceof BpmnError)) throw error;
      await this.runner.run(ctx, instance, {
        type: 'throwError',
        jobId: job.id,
        errorCode: error.errorCode,
        message: error.message,
        now,
      });
    }
  }

  private async fail(
    ctx: CommandContext,
    job: WorkflowJob,
    owner: string,
    error: unknown,
  ): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const instance = job.instanceId ? await this.runner.lock(ctx, job.instanceId) : null;
    const current = await this.stillOurs(ctx, job, owner);
    if (!current) return;
    const now = ctx.now.toISOString();
    const failed = {
      retries: current.retries,
      failures: current.attempts,
      headers: current.headers,
    };

    if (current.kind === 'service' && instance?.status === 'active') {
      // The engine hands the job out again after its backoff, or raises the incident.
      await ctx.em.delete(WorkflowJob, { id: job.id });
      try {
        const command = jobFailure({ id: job.id, ...failed }, message, now, this.backoff);
        const { effects } = await this.runner.run(ctx, instance, { ...command, now } as Command);
        const again = effects.flatMap((e) => (e.type === 'jobCreated' ? [e.job.id] : []));
        for (const id of again) await ctx.em.update(WorkflowJob, { id }, { lastError: message });
      } catch (failure) {
        if (!isStale(failure)) throw failure;
      }
      return;
    }

    const { retries, failures: attempts, backoffMs } = nextAttempt(failed, now, this.backoff);
    if (retries > 0) {
      await ctx.em.update(
        WorkflowJob,
        { id: job.id },
        {
          state: 'due',
          lockOwner: null,
          lockExpiresAt: null,
          dueAt: new Date(ctx.now.getTime() + backoffMs),
          attempts,
          retries,
          lastError: message,
        },
      );
      return;
    }
    await ctx.em.update(
      WorkflowJob,
      { id: job.id },
      {
        state: 'failed',
        lockOwner: null,
        lockExpiresAt: null,
        attempts,
        retries: 0,
        lastError: message,
      },
    );
    await ctx.em.insert(WorkflowIncident, {
      id: newRowId(),
      engineIncidentId: null,
      instanceId: job.instanceId,
      jobId: job.id,
      processId: job.processId,
      elementId: job.elementId,
      orgUnitId: instance?.orgUnitId ?? null,
      message,
      status: 'open',
      createdAt: ctx.now,
      resolvedAt: null,
      resolvedBy: null,
    });
  }

  /**
   * The database went away (a failover, a restart): not the job's fault, so no attempt is
   * counted. Whatever did not commit runs again once the claim expires, on whichever server
   * is the primary by then.
   */
  private databaseAway(jobs: WorkflowJob[], error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    this.logger.warn(
      { jobIds: jobs.map((job) => job.id), error: String(error) },
      'Database unavailable; the jobs run again when their claim expires',
    );
    return true;
  }

  /** The job row if it still exists and this executor still holds its lock. */
  private async stillOurs(
    ctx: CommandContext,
    job: WorkflowJob,
    owner: string,
  ): Promise<WorkflowJob | null> {
    const current = await ctx.em.findOneBy(WorkflowJob, { id: job.id });
    return current?.state === 'locked' && current.lockOwner === owner ? current : null;
  }
}

/**
 * Deletes the jobs this executor still holds (a cancelled timer's row is gone; an expired
 * claim may have passed to another process), returning their ids.
 */
function takeStatement(jobs: WorkflowJob[], owner: string): Statement {
  return {
    sql: `DELETE FROM wf_job WHERE id = ANY($1) AND state = 'locked' AND lock_owner = $2 RETURNING id`,
    params: [jobs.map((job) => job.id), owner],
  };
}
