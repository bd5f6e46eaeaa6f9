import { api, type Schemas } from './typed';

export type ReturnTarget = Schemas['ReturnTargetDto'];

/** 撤回: takes a completed task back (refused, 409, once the next step was acted on). */
export function withdrawTask(id: string, reason?: string) {
  return api.post('/tasks/{id}/withdraw', reason ? { reason } : {}, {
    path: { id },
    options: { silent: true },
  });
}

/** The earlier steps this open task may be sent back to (退回). */
export function listReturnTargets(id: string) {
  return api.get('/tasks/{id}/return-targets', { path: { id } });
}

/** 退回 to `target` with a reason; a 400/409 names the field. */
export function returnTask(id: string, target: string, reason: string) {
  return api.post(
    '/tasks/{id}/return',
    { target, reason },
    { path: { id }, options: { silent: true } },
  );
}
