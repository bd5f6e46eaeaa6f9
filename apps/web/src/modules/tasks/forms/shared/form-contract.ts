import type { TaskDetail } from '@/api/tasks';

/**
 * Every task form gets these props and emits `submit` with its payload; the task page sends it
 * and hands back the API's field errors (keyed by field path, e.g. `segments.0.ownerId`).
 */
export interface TaskFormProps<C> {
  task: TaskDetail;
  context: C;
  errors: Record<string, string>;
  submitting: boolean;
  readonly: boolean;
}

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Required-text checks keyed by field path. */
export function requiredErrors(
  values: Record<string, string | null | undefined>,
  t: Translate,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) {
    if (!value || !value.trim()) errors[field] = t('forms.required');
  }
  return errors;
}
