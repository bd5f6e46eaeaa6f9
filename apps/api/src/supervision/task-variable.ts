import { InvalidInput } from '../common/errors.js';
import type { WorkflowTask } from '../workflow/tasks/task.entity.js';

/** A string field of an object variable of the task (e.g. `sample.itemId`), or 400. */
export function taskField(task: WorkflowTask, variable: string, field?: string): string {
  const raw = task.variables[variable];
  const value =
    field === undefined
      ? raw
      : raw && typeof raw === 'object' && !Array.isArray(raw)
        ? raw[field]
        : undefined;
  if (typeof value !== 'string') {
    throw new InvalidInput(
      `Task ${task.id} carries no ${field ? `${variable}.${field}` : variable} variable.`,
    );
  }
  return value;
}
