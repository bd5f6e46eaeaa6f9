import { request } from './request';

/** What `GET /task-forms/:taskId` returns: the task plus the data its domain form shows. */
export interface TaskFormView<C = Record<string, unknown>> {
  taskId: string;
  formKey: string;
  name: string | null;
  elementId: string;
  status: 'open' | 'completed' | 'cancelled';
  context: C;
}

export function getTaskForm<C>(taskId: string) {
  return request.get<TaskFormView<C>>(`/task-forms/${encodeURIComponent(taskId)}`);
}

/** Submits a domain form; a 400 carries field errors such as `segments.0.ownerId`. */
export function submitTaskForm(taskId: string, payload: object) {
  return request.post<{ taskId: string; status: string }>(
    `/task-forms/${encodeURIComponent(taskId)}`,
    payload,
    { silent: true },
  );
}
