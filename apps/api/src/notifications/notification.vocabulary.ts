/**
 * What notifies whom (issue 17 point 11): new work for a person (assigned or claimable), work
 * returned, a reminder (提醒: a model's reminder timer, or work due within a day), work overdue
 * (to the person; later escalated to their unit's secretary), 催办 by a superior, a plan
 * approved, a branch sampled for a spot check, a rectification due or overdue. The in-app list
 * always gets them; e-mail per kind as each person chooses (or in the daily digest); a unit's
 * group robot for the kinds it takes.
 */
export const NOTIFICATION_KINDS = [
  'task_new',
  'task_returned',
  'reminder',
  'plan_approved',
  'overdue',
  'overdue_escalated',
  'urged',
  'spot_check',
  'rectification_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  task_new: '新待办',
  task_returned: '退回',
  reminder: '提醒',
  plan_approved: '计划已批准',
  overdue: '已超期',
  overdue_escalated: '超期督办',
  urged: '催办',
  spot_check: '抽查',
  rectification_due: '整改到期',
};

export const ROBOT_PROVIDERS = ['wecom', 'dingtalk', 'feishu'] as const;
export type RobotProvider = (typeof ROBOT_PROVIDERS)[number];

/** Retries of a delivery: after 30 s, 1, 2, 4 … minutes, at most an hour apart, 8 tries in all. */
export const MAX_DELIVERY_ATTEMPTS = 8;
export function backoffMs(attempts: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}
