import { api, type GetResponse, type Schemas } from './typed';

export type TaskSummary = Schemas['TaskDto'];
export type TaskDetail = Schemas['TaskDetailDto'];
export type TaskCounts = Schemas['TaskCountsDto'];
export type TaskComment = Schemas['TaskCommentDto'];
export type TaskPage = GetResponse<'/tasks'>;
type TaskListQuery = NonNullable<Parameters<typeof api.get<'/tasks'>>[1]>['query'];
export type TaskQuery = NonNullable<TaskListQuery>;
export type InboxTab = NonNullable<TaskQuery['tab']>;

export function listTasks(query: TaskQuery) {
  return api.get('/tasks', { query });
}

export function getTaskCounts(query: Omit<TaskQuery, 'tab' | 'sort' | 'page' | 'pageSize'> = {}) {
  return api.get('/tasks/counts', { query });
}

export function getTask(id: string) {
  return api.get('/tasks/{id}', { path: { id } });
}

export function claimTask(id: string) {
  return api.post('/tasks/{id}/claim', undefined as never, { path: { id } });
}

export function unclaimTask(id: string) {
  return api.post('/tasks/{id}/unclaim', undefined as never, { path: { id } });
}

/**
 * Completes the task with plain variables, copying it to `copyTo` (抄送, person ids); a 400
 * carries field errors.
 */
export function completeTask(id: string, variables: Record<string, unknown>, copyTo?: string[]) {
  return api.post(
    '/tasks/{id}/complete',
    { variables, ...(copyTo?.length ? { copyTo } : {}) },
    { path: { id }, options: { silent: true } },
  );
}

/** Hands the task to another person (转办); a 400 names the field. */
export function delegateTask(id: string, assignee: string) {
  return api.post(
    '/tasks/{id}/delegate',
    { assignee },
    { path: { id }, options: { silent: true } },
  );
}

export function listTaskComments(id: string) {
  return api.get('/tasks/{id}/comments', { path: { id } });
}

/** Adds a comment; a 400 names the field. */
export function addTaskComment(id: string, body: string) {
  return api.post('/tasks/{id}/comments', { body }, { path: { id }, options: { silent: true } });
}

/** 委派: the delegate acts on the task and hands it back; a 400 names the field. */
export function entrustTask(id: string, assignee: string, reason?: string) {
  return api.post(
    '/tasks/{id}/entrust',
    { assignee, ...(reason ? { reason } : {}) },
    { path: { id }, options: { silent: true } },
  );
}

/** 交回: the delegate hands the task back to its owner, with an optional opinion. */
export function resolveTask(id: string, comment?: string) {
  return api.post('/tasks/{id}/resolve', comment ? { comment } : {}, { path: { id } });
}

/** 催办: urges the task's holder; refused (429) when urged within the hour. */
export function urgeTask(id: string, message?: string) {
  return api.post('/tasks/{id}/urge', message ? { message } : {}, { path: { id } });
}

export type TaskNotification = Schemas['TaskNotificationDto'];

export function listTaskNotifications() {
  return api.get('/task-notifications');
}

export function markTaskNotificationRead(id: string) {
  return api.post('/task-notifications/{id}/read', undefined as never, { path: { id } });
}
