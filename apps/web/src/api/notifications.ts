import { api, type Schemas } from './typed';

export type Notice = Schemas['NotificationResponse'];
export type NoticeKind = Notice['kind'];
export type NotificationSettings = Schemas['NotificationSettingsResponse'];
export type NotificationSettingsInput = Schemas['NotificationSettingsDto'];

/** The kinds the API tells, in the order the settings page lists them. */
export const NOTICE_KINDS = [
  'task_new',
  'task_returned',
  'reminder',
  'overdue',
  'overdue_escalated',
  'urged',
  'plan_approved',
  'spot_check',
  'rectification_due',
] as const satisfies readonly NoticeKind[];
/** A kind the API gained but the list above lacks fails the type check here. */
type Unlisted = Exclude<NoticeKind, (typeof NOTICE_KINDS)[number]>;
export const EVERY_KIND_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** My notifications, newest first, with the unread count. */
export function listNotifications(page: number, pageSize: number) {
  return api.get('/notifications', { query: { page, pageSize } });
}

export function markNotificationRead(id: string) {
  return api.post('/notifications/{id}/read', undefined as never, { path: { id } });
}

export function markAllNotificationsRead() {
  return api.post('/notifications/read-all', undefined as never);
}

export function getNotificationSettings() {
  return api.get('/notifications/settings');
}

/** Saves my channels; a 400 names the field (the e-mail address). */
export function saveNotificationSettings(body: NotificationSettingsInput) {
  return api.put('/notifications/settings', body, { options: { silent: true } });
}

/**
 * Asks for the stream-ticket cookie that opens the unread-count event stream: a browser's
 * EventSource cannot send the access token, so the API sets a one-minute httpOnly cookie sent to
 * the stream alone (no token in the URL). Silent: the bell retries on its own.
 */
export function requestStreamTicket() {
  return api.post('/auth/stream-ticket', undefined as never, { options: { silent: true } });
}

/** The unread-count event stream (server-sent `unread` events). */
export const NOTIFICATION_STREAM_URL = '/api/notifications/stream';

export type Robot = Schemas['RobotResponse'];
export type RobotInput = Schemas['RobotDto'];
export type RobotProvider = Robot['provider'];
export const ROBOT_PROVIDERS: RobotProvider[] = ['wecom', 'dingtalk', 'feishu'];

/** A unit's group robots (企业微信 / 钉钉 / 飞书). */
export function listRobots(orgUnitId: string) {
  return api.get('/org-units/{id}/robots', { path: { id: orgUnitId } });
}

export function addRobot(orgUnitId: string, body: RobotInput) {
  return api.post('/org-units/{id}/robots', body, {
    path: { id: orgUnitId },
    options: { silent: true },
  });
}

export function removeRobot(id: string) {
  return api.delete('/robots/{id}', { path: { id } });
}
