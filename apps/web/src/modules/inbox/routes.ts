import { Bell } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import InboxPage from './InboxPage.vue';

const routes: RouteRecordRaw[] = [
  {
    path: '/inbox',
    name: 'inbox',
    // everyone's first page ('/' and sign-in lead here): its code ships with the shared chunk,
    // so the first screen needs no second round of requests on a slow network
    component: InboxPage,
    meta: { title: 'menu.inbox', icon: Bell, order: 0 },
  },
];

export default routes;
