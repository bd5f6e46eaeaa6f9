import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { JobHandlerRegistry } from '../workflow/jobs/job-handler.registry.js';
import type { WorkflowJob } from '../workflow/jobs/job.entity.js';
import { WorkflowTaskComment } from '../workflow/tasks/task-comment.entity.js';
import { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { newRowId } from '../database/row-id.js';
import { Notifier } from '../notifications/notifier.js';
import { taskLabel, toldOf } from '../notifications/task-people.js';

export const REMINDER_JOB = 'orglife.reminder';
export const REMINDER_AUTHOR = 'system';

/**
 * `orglife.reminder`: a deadline timer's reminder. Posts the model's `message` header as a
 * comment on the open task named by the `task` header (element id) in the same instance,
 * where its assignee and candidates see it. Returns how many tasks were reminded.
 */
@Injectable()
export class TaskReminderJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlerRegistry,
    private readonly notifier: Notifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(REMINDER_JOB, (job, em) => this.remind(job, em));
  }

  private async remind(job: WorkflowJob, em: EntityManager) {
    const elementId = job.headers['task'];
    if (!elementId || !job.instanceId) {
      throw new Error(`${job.elementId}: the reminder needs a "task" header naming the user task`);
    }
    const tasks = await em.findBy(WorkflowTask, {
      instanceId: job.instanceId,
      elementId,
      status: 'open',
    });
    const body = job.headers['message'] ?? '任务已超期，请尽快办理 (this task is overdue)';
    for (const task of tasks) {
      await em.insert(WorkflowTaskComment, {
        id: newRowId(),
        taskId: task.id,
        authorId: REMINDER_AUTHOR,
        body,
        createdAt: this.clock.now(),
      });
      // the assignee (else everyone who may claim it) hears the reminder (提醒) too
      await this.notifier.notify(em, {
        kind: 'reminder',
        ...toldOf(task),
        title: `提醒：${taskLabel(task)}`,
        body,
        link: `/tasks/${task.id}`,
        orgUnitId: task.orgUnitId,
      });
    }
    return { remindedTasks: tasks.length };
  }
}
