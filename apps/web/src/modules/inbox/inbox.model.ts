import type { TaskSummary } from '@/api/tasks';

/** A task is overdue when it is still open past its due time. */
export function isOverdue(task: Pick<TaskSummary, 'status' | 'dueAt'>, now: Date): boolean {
  return task.status === 'open' && task.dueAt !== null && new Date(task.dueAt) < now;
}

/**
 * The rows one page shows. The API pages, but if it hands back the whole list (more items than a
 * page) we slice locally so the table never renders more than `pageSize` rows.
 */
export function pageRows<T>(items: readonly T[], page: number, pageSize: number): T[] {
  if (items.length <= pageSize) return [...items];
  const start = (page - 1) * pageSize;
  return items.slice(start, start + pageSize);
}
