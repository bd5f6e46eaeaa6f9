import { Inject, Injectable } from '@nestjs/common';
import { type CompiledDefinition, scheduleStartTimers } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import { WorkflowJob } from '../jobs/job.entity.js';
import { upsertJobs } from '../jobs/job.writer.js';
import { WorkflowSubscription } from '../instances/subscription.entity.js';
import type { WorkflowDefinition } from './definition.entity.js';
import { WORKFLOW_OPTIONS, type WorkflowOptions } from '../workflow.options.js';

/** Timer start jobs and message/signal start subscriptions belong to a definition row. */
export function startJobId(definitionId: string, elementId: string): string {
  return `start:${definitionId}:${elementId}`;
}

/**
 * Registers a new version's timer, message and signal start events, replacing those of the
 * process's previous versions: only the latest version starts new instances by event.
 */
@Injectable()
export class StartEventRegistrar {
  constructor(@Inject(WORKFLOW_OPTIONS) private readonly options: WorkflowOptions) {}

  async replace(
    em: EntityManager,
    row: WorkflowDefinition,
    compiled: CompiledDefinition,
    now: Date,
  ): Promise<void> {
    await em.delete(WorkflowJob, { processId: row.processId, kind: 'start_timer' });
    await em
      .createQueryBuilder()
      .delete()
      .from(WorkflowSubscription)
      .where('process_id = :processId AND instance_id IS NULL', { processId: row.processId })
      .execute();

    const starts = compiled.startEvents.filter((s) => s.processId === row.processId);
    const timers = scheduleStartTimers(
      compiled,
      { processId: row.processId, definitionRef: row.id },
      (elementId) => startJobId(row.id, elementId),
      now.toISOString(),
      this.options.timeZone,
    );
    if (timers.length > 0) {
      await upsertJobs(
        em,
        timers.map((timer) => ({
          id: timer.id,
          kind: 'start_timer' as const,
          state: 'due' as const,
          instanceId: null,
          definitionId: row.id,
          processId: row.processId,
          elementId: timer.elementId,
          jobType: null,
          dueAt: new Date(timer.dueAt),
          retries: 3,
          attempts: 0,
          fireCount: timer.fired,
          headers: {},
          variables: {},
          createdAt: now,
        })),
      );
    }

    const subscriptions = starts.flatMap((s) => {
      const name = s.kind === 'message' ? s.messageName : s.kind === 'signal' ? s.signalName : null;
      if (!name || (s.kind !== 'message' && s.kind !== 'signal')) return [];
      return [
        {
          id: startJobId(row.id, s.elementId),
          kind: s.kind,
          name,
          correlationKey: null,
          instanceId: null,
          definitionId: row.id,
          processId: row.processId,
          elementId: s.elementId,
          createdAt: now,
        },
      ];
    });
    if (subscriptions.length > 0) await em.insert(WorkflowSubscription, subscriptions);
  }
}
