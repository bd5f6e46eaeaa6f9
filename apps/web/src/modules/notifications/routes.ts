import type { RouteRecordRaw } from 'vue-router';

/** 消息中心 and 通知设置: every signed-in person's own (opened from the header's bell). */
const routes: RouteRecordRaw[] = [
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('./NotificationsPage.vue'),
    meta: { title: 'notifications.title', hideInMenu: true },
  },
  {
    path: '/notifications/settings',
    name: 'notification-settings',
    component: () => import('./NotificationSettingsPage.vue'),
    meta: { title: 'notifications.settings.title', hideInMenu: true },
  },
];

export default routes;
