import { request } from './request';

export type InboxTab = 'mine' | 'claimable' | 'done';

export interface TaskSummary {
  id: string;
  name: string | null;
  processId: string;
  processName?: string | null;
  instanceId: string;
  elementId: string;
  formKey: string | null;
  orgUnitId: string | null;
  orgUnitName?: string | null;
  assignee: string | null;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
  status: 'open' | 'completed' | 'cancelled';
  priority?: number;
  overdue?: boolean;
}

export interface TaskDetail extends TaskSummary {
  variables: Record<string, unknown>;
  candidateGroups?: string[];
  candidateUsers?: string[];
}

export interface TaskQuery {
  tab: InboxTab;
  processId?: string;
  orgUnitId?: string;
  overdue?: boolean;
  dueBefore?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface TaskCounts {
  mine: number;
  claimable: number;
  done: number;
}

export interface TaskComment {
  id: string;
  authorName?: string;
  author?: string;
  body: string;
  createdAt: string;
}

export function listTasks(query: TaskQuery) {
  return request.get<Page<TaskSummary>>('/tasks', { ...query });
}

export function getTaskCounts() {
  return request.get<TaskCounts>('/tasks/counts');
}

export function getTask(id: string) {
  return request.get<TaskDetail>(`/tasks/${encodeURIComponent(id)}`);
}

export function claimTask(id: string) {
  return request.post<TaskDetail>(`/tasks/${encodeURIComponent(id)}/claim`);
}

export function unclaimTask(id: string) {
  return request.post<TaskDetail>(`/tasks/${encodeURIComponent(id)}/unclaim`);
}

/** Completes the task; the domain validates `variables` and answers 400 with field errors. */
export function completeTask(id: string, variables: Record<string, unknown>) {
  return request.post<void>(
    `/tasks/${encodeURIComponent(id)}/complete`,
    { variables },
    { silent: true },
  );
}

export function listTaskComments(id: string) {
  return request.get<TaskComment[]>(`/tasks/${encodeURIComponent(id)}/comments`);
}

export function addTaskComment(id: string, body: string) {
  return request.post<TaskComment>(`/tasks/${encodeURIComponent(id)}/comments`, { body });
}
