import { Tickets } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/audit',
    name: 'audit',
    component: () => import('./AuditPage.vue'),
    meta: {
      title: 'menu.audit',
      icon: Tickets,
      order: 75,
      roles: [
        'od_admin',
        'committee_secretary',
        'committee_deputy',
        'organizer',
        'branch_secretary',
      ],
    },
  },
];

export default routes;
