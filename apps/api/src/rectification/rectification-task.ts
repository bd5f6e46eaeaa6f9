import { BadRequestException } from '@nestjs/common';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';

/** The rectification item a task of the rectification or follow-up flow is about. */
export function rectificationIdOf(task: WorkflowTask): string {
  const id = task.variables['rectificationId'];
  if (typeof id !== 'string') {
    throw new BadRequestException(`Task ${task.id} carries no rectificationId variable.`);
  }
  return id;
}
