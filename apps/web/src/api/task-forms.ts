import { request } from './request';
import type { PathsWith } from './typed';

// The document types these routes' bodies loosely (any object in, context out), so the payloads
// are in ./forms; the route itself is still checked against the document.
const FORM_ROUTE = '/task-forms/{taskId}' satisfies PathsWith<'get'> & PathsWith<'post'>;
const formPath = (taskId: string) => FORM_ROUTE.replace('{taskId}', encodeURIComponent(taskId));

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
  return request.get<TaskFormView<C>>(formPath(taskId));
}

/** Submits a domain form; a 400 carries field errors such as `segments.0.ownerId`. */
export function submitTaskForm(taskId: string, payload: object) {
  return request.post<{ taskId: string; status: string }>(formPath(taskId), payload, {
    silent: true,
  });
}
