import { Bell } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { PLAN_APPROVERS } from '@/api/roles';
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
  {
    path: '/inbox/batch-approval',
    name: 'plan-batch-approval',
    component: () => import('./BatchApprovalPage.vue'),
    meta: { title: 'menu.batchApproval', hideInMenu: true, roles: PLAN_APPROVERS },
  },
];

export default routes;
