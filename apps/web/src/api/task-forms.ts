import { request } from './request';
import type { PathsWith, Schemas } from './typed';

// The task's form key decides which body and context these routes take, so callers name them
// (./forms has each form's, from the OpenAPI document); the route is checked against the document.
const FORM_ROUTE = '/task-forms/{taskId}' satisfies PathsWith<'get'> & PathsWith<'post'>;
const formPath = (taskId: string) => FORM_ROUTE.replace('{taskId}', encodeURIComponent(taskId));

type View = Schemas['TaskFormViewResponse'];

/** What `GET /task-forms/:taskId` returns: the task plus the data its domain form shows. */
export type TaskFormView<C = View['context']> = Omit<View, 'context'> & { context: C };

export function getTaskForm<C>(taskId: string) {
  return request.get<TaskFormView<C>>(formPath(taskId));
}

/** Submits a domain form; a 400 carries field errors such as `segments.0.ownerId`. */
export function submitTaskForm(taskId: string, payload: object) {
  return request.post<{ taskId: string; status: string }>(formPath(taskId), payload, {
    silent: true,
  });
}
