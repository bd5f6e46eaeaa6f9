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

  register(type: string, handler: JobHandler): void {
    if (this.handlers.has(type))
      throw new Error(`A handler for job type "${type}" is already registered`);
    this.handlers.set(type, handler);
  }

  get(type: string): JobHandler | undefined {
    return this.handlers.get(type);
  }
}
