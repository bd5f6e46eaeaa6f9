/**
 * What notifies whom (issue 17 point 11): new work for a person (assigned or claimable), work
 * returned, a deadline reminder (提醒 / overdue), a plan approved. The in-app list always gets
 * them; e-mail per kind as each person chooses; a unit's group robot for the kinds it takes.
 */
export const NOTIFICATION_KINDS = [
  'task_new',
  'task_returned',
  'reminder',
  'plan_approved',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  task_new: '新待办',
  task_returned: '退回',
  reminder: '提醒',
  plan_approved: '计划已批准',
};

export const ROBOT_PROVIDERS = ['wecom', 'dingtalk', 'feishu'] as const;
export type RobotProvider = (typeof ROBOT_PROVIDERS)[number];

/** Retries of a delivery: after 30 s, 1, 2, 4 … minutes, at most an hour apart, 8 tries in all. */
export const MAX_DELIVERY_ATTEMPTS = 8;
export function backoffMs(attempts: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}
