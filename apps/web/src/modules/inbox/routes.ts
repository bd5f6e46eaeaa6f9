import { Bell } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/inbox',
    name: 'inbox',
    component: () => import('./InboxPage.vue'),
    meta: { title: 'menu.inbox', icon: Bell, order: 0 },
  },
];

export default routes;
