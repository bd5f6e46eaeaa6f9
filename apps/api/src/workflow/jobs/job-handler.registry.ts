import { Injectable } from '@nestjs/common';
import type { Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import type { WorkflowJob } from './job.entity.js';

/**
 * Does a service task's work inside the job's transaction: write rows with `em`, return
 * variables for the process. Throw `BpmnError` for a business error a boundary event may
 * catch; any other throw is a technical failure (retried with backoff, then an incident).
 */
export type JobHandler = (job: WorkflowJob, em: EntityManager) => Promise<Variables | void>;

/**
 * Reads what a transaction's group of jobs of one type will need, before the first of them runs:
 * one round trip for the group instead of some for each job (the handler then finds the rows in a
 * `TransactionMemo`). It must not fail for one job's sake: the handler reads and refuses that one.
 */
export type JobGroupPrefetch = (jobs: WorkflowJob[], em: EntityManager) => Promise<void>;

export interface JobHandlerOptions {
  prefetch?: JobGroupPrefetch;
  /**
   * The variables the handler reads (Zeebe's `fetchVariables`): its jobs carry only these. A
   * branch's job inside a multi-instance over every branch would otherwise carry the whole list
   * of branches, written and read again once per branch. Default: every visible variable.
   */
  variables?: readonly string[];
}

/** A business error from a service task handler, caught by the task's error boundary event. */
export class BpmnError extends Error {
  constructor(
    readonly errorCode: string,
    message?: string,
  ) {
    super(message ?? errorCode);
    this.name = 'BpmnError';
  }
}

/** Service task handlers by task type (`zeebe:taskDefinition type`), registered in code. */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly prefetches = new Map<string, JobGroupPrefetch>();
  private readonly fetched = new Map<string, readonly string[]>();

  register(type: string, handler: JobHandler, options: JobHandlerOptions = {}): void {
    if (this.handlers.has(type))
      throw new Error(`A handler for job type "${type}" is already registered`);
    this.handlers.set(type, handler);
    if (options.prefetch) this.prefetches.set(type, options.prefetch);
    if (options.variables) this.fetched.set(type, options.variables);
  }

  get(type: string): JobHandler | undefined {
    return this.handlers.get(type);
  }

  /** What a job of `type` carries of the variables its task sees: those its handler names. */
  jobVariables(type: string | null, visible: Variables): Variables {
    const names = type ? this.fetched.get(type) : undefined;
    if (!names) return visible;
    const carried: Variables = {};
    for (const name of names) if (name in visible) carried[name] = visible[name]!;
    return carried;
  }

  /** Runs the prefetch of each job type in `jobs` that has one, with that type's jobs. */
  async prefetch(jobs: WorkflowJob[], em: EntityManager): Promise<void> {
    const byType = new Map<JobGroupPrefetch, WorkflowJob[]>();
    for (const job of jobs) {
      const prefetch = job.jobType ? this.prefetches.get(job.jobType) : undefined;
      if (prefetch) byType.set(prefetch, [...(byType.get(prefetch) ?? []), job]);
    }
    for (const [prefetch, ofType] of byType) await prefetch(ofType, em);
  }
}
